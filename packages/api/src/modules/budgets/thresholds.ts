import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { ALERT_LEVELS, type AlertLevel, type BudgetCategory } from '@caretracker/shared';
import { and, eq, inArray } from 'drizzle-orm';
import { activeUserIds, type Notifier, type StagedNotification } from '../notifications/service';
import { personName } from '../notifications/wording';
import { LEVEL_RANK, levelFor, percentOf, totalSums, usedOf } from './figures';
import { allocationsOf, type BudgetRow, expenseSums } from './queries';

const { budgets, budgetAllocations } = schema;

const below = (level: AlertLevel) => ALERT_LEVELS.filter((l) => LEVEL_RANK[l] < LEVEL_RANK[level]);
const above = (level: AlertLevel) => ALERT_LEVELS.filter((l) => LEVEL_RANK[l] > LEVEL_RANK[level]);

/**
 * Moves one stored alert level to `target`. Raising only succeeds from a lower level
 * (`… WHERE alert_level IN (lower levels) RETURNING`), so a crossing is announced exactly once
 * even by racing writers; lowering re-arms the next crossing. True when this call raised it.
 */
async function moveLevel(
  tx: Executor,
  table: typeof budgets | typeof budgetAllocations,
  id: string,
  current: AlertLevel,
  target: AlertLevel,
): Promise<boolean> {
  if (target === current) return false;
  const raising = LEVEL_RANK[target] > LEVEL_RANK[current];
  const from = raising ? below(target) : above(target);
  const changed = await tx
    .update(table)
    .set({ alertLevel: target })
    .where(and(eq(table.id, id), inArray(table.alertLevel, from)))
    .returning({ id: table.id });
  return raising && changed.length > 0;
}

/**
 * Re-evaluates the budget's thresholds per category and for the total after a change, inside the
 * change's transaction (the budget row is already locked). Each upward crossing notifies the client
 * and the admins once; usage is spent + pending, the same figure the limits check. The notifications
 * are stored here; the caller delivers them (live events) once the transaction has committed.
 */
export async function applyThresholds(
  tx: Executor,
  notifier: Notifier,
  budget: BudgetRow,
): Promise<StagedNotification[]> {
  const [allocations, sums] = await Promise.all([allocationsOf(tx, budget.id), expenseSums(tx, budget.id)]);
  const { warningThresholdPct: warning, criticalThresholdPct: critical } = budget;
  const crossings: Array<{ area: BudgetCategory | 'TOTAL'; level: AlertLevel; used: number; allocation: number }> = [];

  for (const allocation of allocations) {
    const used = usedOf(sums.get(allocation.category));
    const target = levelFor(used, allocation.amountCents, warning, critical);
    if (await moveLevel(tx, budgetAllocations, allocation.id, allocation.alertLevel, target)) {
      crossings.push({ area: allocation.category, level: target, used, allocation: allocation.amountCents });
    }
  }
  const totals = totalSums(sums);
  const used = totals.spentCents + totals.pendingCents;
  const target = levelFor(used, budget.totalCents, warning, critical);
  if (await moveLevel(tx, budgets, budget.id, budget.alertLevel, target)) {
    crossings.push({ area: 'TOTAL', level: target, used, allocation: budget.totalCents });
  }
  if (crossings.length === 0) return [];

  const recipients = [budget.clientId, ...(await activeUserIds(tx, ['ADMIN']))];
  const staged: StagedNotification[] = [];
  const client = await personName(tx, budget.clientId);
  for (const crossing of crossings) {
    const pct = percentOf(crossing.used, crossing.allocation);
    const threshold = crossing.level === 'CRITICAL' ? critical : warning;
    const notification = await notifier.stage(
      {
        userIds: recipients,
        // One category for both levels: the one a user's 'Budget alerts' preference names.
        category: 'BUDGET_ALERT',
        message: {
          key: crossing.level === 'CRITICAL' ? 'budgetCritical' : 'budgetWarning',
          params: {
            client,
            area: crossing.area,
            pct: pct ?? 100,
            threshold,
            periodStart: budget.periodStart,
            periodEnd: budget.periodEnd,
          },
        },
        entityType: 'budget',
        entityId: budget.id,
      },
      tx,
    );
    staged.push(notification);
  }
  return staged;
}
