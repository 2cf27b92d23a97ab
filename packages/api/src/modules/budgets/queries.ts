import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { type BudgetCategory, categoryOfService, type ListBudgetsQuery } from '@caretracker/shared';
import { and, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { type Actor, ownClientId } from '../../context/request-context';
import { supervisedUserIds } from '../users/relations';
import { type AllocationState, parseCents, type SumsByCategory } from './figures';

const { budgets, budgetAllocations, expenses, visits, users, profiles } = schema;

export type BudgetRow = typeof budgets.$inferSelect;
export type ExpenseRow = typeof expenses.$inferSelect;

/**
 * SQL condition on `budgets` selecting what the actor may read: admins all, supervisors their
 * team's clients', clients their own. Workers see no budgets (the service refuses them first).
 */
export function visibleBudgetsCondition(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'ADMIN':
      return undefined;
    case 'SUPERVISOR':
      return inArray(budgets.clientId, supervisedUserIds(actor.id));
    case 'CLIENT':
      return eq(budgets.clientId, ownClientId(actor));
    case 'WORKER':
      return sql`false`;
  }
}

/** The budget's total or one of its categories has reached at least the given threshold level. */
export function overThresholdCondition(level: 'WARNING' | 'CRITICAL' = 'WARNING'): SQL {
  const levels = level === 'WARNING' ? sql`('WARNING', 'CRITICAL')` : sql`('CRITICAL')`;
  return sql`(${budgets.alertLevel} in ${levels} or exists (select 1 from ${budgetAllocations} a
    where a.budget_id = ${budgets.id} and a.deleted_at is null and a.alert_level in ${levels}))`;
}

/** The budget has expenses waiting for approval. */
export function hasPendingExpenses(): SQL {
  return sql`exists (select 1 from ${expenses} x
    where x.budget_id = ${budgets.id} and x.status = 'PENDING' and x.deleted_at is null)`;
}

/** A live budget, optionally only if the actor may see it; `lock` holds the row (FOR UPDATE) for a write. */
export async function findBudget(
  executor: Executor,
  id: string,
  options: { visibleTo?: Actor; lock?: boolean } = {},
): Promise<BudgetRow | null> {
  const query = executor
    .select()
    .from(budgets)
    .where(
      and(
        eq(budgets.id, id),
        isNull(budgets.deletedAt),
        options.visibleTo ? visibleBudgetsCondition(options.visibleTo) : undefined,
      ),
    );
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

/** The client's budget whose period covers `date` (at most one: the exclusion constraint), locked. */
export async function lockBudgetCovering(executor: Executor, clientId: string, date: string) {
  const [row] = await executor
    .select()
    .from(budgets)
    .where(
      and(
        eq(budgets.clientId, clientId),
        isNull(budgets.deletedAt),
        lte(budgets.periodStart, date),
        gte(budgets.periodEnd, date),
      ),
    )
    .for('update');
  return row ?? null;
}

export async function allocationsOf(executor: Executor, budgetId: string) {
  return executor
    .select()
    .from(budgetAllocations)
    .where(and(eq(budgetAllocations.budgetId, budgetId), isNull(budgetAllocations.deletedAt)));
}
export type AllocationRow = Awaited<ReturnType<typeof allocationsOf>>[number];
export const allocationStates = (rows: AllocationRow[]): AllocationState[] =>
  rows.map((row) => ({ category: row.category, amountCents: row.amountCents, alertLevel: row.alertLevel }));

/** APPROVED (spent) and PENDING sums per category, summed by PostgreSQL and parsed exactly. */
export async function expenseSums(executor: Executor, budgetId: string): Promise<SumsByCategory> {
  const rows = await executor
    .select({
      category: expenses.category,
      status: expenses.status,
      cents: sql<string>`coalesce(sum(${expenses.amountCents}), 0)::text`,
    })
    .from(expenses)
    .where(
      and(
        eq(expenses.budgetId, budgetId),
        isNull(expenses.deletedAt),
        inArray(expenses.status, ['APPROVED', 'PENDING']),
      ),
    )
    .groupBy(expenses.category, expenses.status);
  const sums: SumsByCategory = new Map();
  for (const row of rows) {
    const entry = sums.get(row.category) ?? { spentCents: 0, pendingCents: 0 };
    if (row.status === 'APPROVED') entry.spentCents += parseCents(row.cents);
    else entry.pendingCents += parseCents(row.cents);
    sums.set(row.category, entry);
  }
  return sums;
}

/**
 * Committed spend: the client's booked, not yet completed visits (SCHEDULED, CONFIRMED,
 * IN_PROGRESS) whose scheduled date, in the client's time zone, falls in the period; each at its
 * rate (or the worker's) × scheduled minutes, rounded half up to the cent as check-out bills.
 */
export async function committedByCategory(executor: Executor, budget: BudgetRow): Promise<Map<BudgetCategory, number>> {
  const rows = await executor.execute(sql`
    select v.service_type as "serviceType",
      coalesce(sum((round(extract(epoch from (v.scheduled_end - v.scheduled_start)) / 60)::bigint
        * coalesce(v.rate_cents, wp.hourly_rate_cents, 0) + 30) / 60), 0)::text as cents
    from ${visits} v
    left join ${profiles} wp on wp.user_id = v.worker_id
    left join ${profiles} cp on cp.user_id = v.client_id
    where v.client_id = ${budget.clientId} and v.deleted_at is null
      and v.status in ('SCHEDULED', 'CONFIRMED', 'IN_PROGRESS')
      and (v.scheduled_start at time zone coalesce(cp.timezone, 'UTC'))::date between ${budget.periodStart} and ${budget.periodEnd}
    group by v.service_type`);
  const committed = new Map<BudgetCategory, number>();
  for (const row of (rows as unknown as { rows: Array<{ serviceType: string; cents: string }> }).rows) {
    const category = categoryOfService(row.serviceType);
    committed.set(category, (committed.get(category) ?? 0) + parseCents(row.cents));
  }
  return committed;
}

/** The budget's expenses newest first, with the billing fields of the visit each visit cost came from. */
export async function expensesOf(executor: Executor, budgetId: string) {
  return executor
    .select({ expense: expenses, billableMinutes: visits.billableMinutes, rateCents: visits.rateCents })
    .from(expenses)
    .leftJoin(visits, eq(visits.id, expenses.visitId))
    .where(and(eq(expenses.budgetId, budgetId), isNull(expenses.deletedAt)))
    .orderBy(desc(expenses.incurredOn), desc(expenses.createdAt), desc(expenses.id))
    .limit(1000);
}
export type ExpenseWithVisit = Awaited<ReturnType<typeof expensesOf>>[number];

export async function clientName(executor: Executor, clientId: string): Promise<string> {
  const [row] = await executor
    .select({ first: users.firstName, last: users.lastName })
    .from(users)
    .where(eq(users.id, clientId));
  return row ? `${row.first} ${row.last}` : '';
}

/** The client's time zone (for "today" and a visit's date); UTC when they have none. */
export async function clientTimeZone(executor: Executor, clientId: string): Promise<string> {
  const [row] = await executor
    .select({ timezone: profiles.timezone })
    .from(profiles)
    .where(eq(profiles.userId, clientId));
  return row?.timezone ?? 'UTC';
}

/** One page of the budgets the actor may see, newest period first, with spent and pending per budget. */
export async function listVisibleBudgets(executor: Executor, actor: Actor, query: ListBudgetsQuery) {
  const where = and(
    isNull(budgets.deletedAt),
    visibleBudgetsCondition(actor),
    query.clientId ? eq(budgets.clientId, query.clientId) : undefined,
    query.status ? eq(budgets.status, query.status) : undefined,
    query.periodStart ? gte(budgets.periodEnd, query.periodStart) : undefined,
    query.periodEnd ? lte(budgets.periodStart, query.periodEnd) : undefined,
    query.overThreshold ? overThresholdCondition() : undefined,
    query.pendingExpenses ? hasPendingExpenses() : undefined,
  );
  const [rows, counted] = await Promise.all([
    executor
      .select({ budget: budgets, first: users.firstName, last: users.lastName })
      .from(budgets)
      .innerJoin(users, eq(users.id, budgets.clientId))
      .where(where)
      .orderBy(desc(budgets.periodStart), desc(budgets.id))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    executor.select({ total: sql<number>`count(*)::int` }).from(budgets).where(where),
  ]);
  const ids = rows.map((row) => row.budget.id);
  const sums =
    ids.length === 0
      ? []
      : await executor
          .select({
            budgetId: expenses.budgetId,
            status: expenses.status,
            cents: sql<string>`coalesce(sum(${expenses.amountCents}), 0)::text`,
          })
          .from(expenses)
          .where(
            and(
              inArray(expenses.budgetId, ids),
              isNull(expenses.deletedAt),
              inArray(expenses.status, ['APPROVED', 'PENDING']),
            ),
          )
          .groupBy(expenses.budgetId, expenses.status);
  const sumOf = (budgetId: string, status: 'APPROVED' | 'PENDING') =>
    parseCents(sums.find((s) => s.budgetId === budgetId && s.status === status)?.cents ?? '0');
  return {
    rows: rows.map((row) => ({
      budget: row.budget,
      clientName: `${row.first} ${row.last}`,
      spentCents: sumOf(row.budget.id, 'APPROVED'),
      pendingCents: sumOf(row.budget.id, 'PENDING'),
    })),
    total: counted[0]?.total ?? 0,
  };
}
