import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { type CreateBudgetBody, defaultPeriodEnd, type UpdateBudgetBody } from '@caretracker/shared';
import { and, eq, gte, isNull, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { ConflictError, NotFoundError, UnprocessableError } from '../../errors/app-errors';
import { type AuditService, changedValues } from '../audit/service';
import type { Notifier, StagedNotification } from '../notifications/service';
import { allocationsOf, findBudget } from './queries';
import { auditedBudget } from './shape';
import { applyThresholds } from './thresholds';

const { budgets, budgetAllocations, users } = schema;

type Allocation = { category: (typeof budgetAllocations.$inferSelect)['category']; amountCents: number };

/** 422 when the category allocations add up to more than the total. */
export function assertAllocationsFit(allocations: Allocation[], totalCents: number) {
  const allocatedCents = allocations.reduce((sum, a) => sum + a.amountCents, 0);
  if (allocatedCents > totalCents) {
    throw new UnprocessableError('Category allocations add up to more than the budget total', {
      allocatedCents,
      totalCents,
    });
  }
}

/** The exclusion constraint `budgets_client_period_no_overlap` is the guard; its violation answers 409. */
export function overlapViolation(
  executor: Executor,
  clientId: string,
  range: { start: string; end: string },
  exceptId?: string,
) {
  return async (error: unknown): Promise<never> => {
    for (
      let current = error;
      current && typeof current === 'object';
      current = (current as { cause?: unknown }).cause
    ) {
      const { code, constraint } = current as { code?: unknown; constraint?: unknown };
      if (code === '23P01' && constraint === 'budgets_client_period_no_overlap') {
        const clashing = await executor
          .select({ id: budgets.id, periodStart: budgets.periodStart, periodEnd: budgets.periodEnd })
          .from(budgets)
          .where(
            and(
              eq(budgets.clientId, clientId),
              isNull(budgets.deletedAt),
              lte(budgets.periodStart, range.end),
              gte(budgets.periodEnd, range.start),
              exceptId ? ne(budgets.id, exceptId) : undefined,
            ),
          );
        throw new ConflictError('This client already has a budget for an overlapping period', { clashing });
      }
    }
    throw error;
  };
}

export async function isLiveClient(executor: Executor, clientId: string, within?: SQL): Promise<boolean> {
  const [row] = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, clientId), eq(users.role, 'CLIENT'), isNull(users.deletedAt), within));
  return Boolean(row);
}

async function budgetAudit(
  tx: Executor,
  audit: AuditService,
  event: { action: string; id: string; before: Record<string, unknown> | null; after: Record<string, unknown> },
) {
  const { oldValues, newValues } = event.before
    ? changedValues(event.before, event.after)
    : { oldValues: null, newValues: event.after };
  await audit.record(
    { action: event.action, entityType: 'budget', entityId: event.id, classification: 'PHI', oldValues, newValues },
    tx,
  );
}

export async function insertBudget(tx: Executor, audit: AuditService, actor: Actor, body: CreateBudgetBody) {
  const periodEnd = body.periodEnd ?? defaultPeriodEnd(body.periodType, body.periodStart);
  const [created] = await tx
    .insert(budgets)
    .values({
      clientId: body.clientId,
      periodType: body.periodType,
      periodStart: body.periodStart,
      periodEnd,
      totalCents: body.totalCents,
      fundingSource: body.fundingSource,
      authorizationNumber: body.authorizationNumber ?? null,
      authorizationExpiresOn: body.authorizationExpiresOn ?? null,
      approvalLimitCents: body.approvalLimitCents ?? null,
      warningThresholdPct: body.warningThresholdPct,
      criticalThresholdPct: body.criticalThresholdPct,
      notes: body.notes ?? null,
      createdBy: actor.id,
      updatedBy: actor.id,
    })
    .returning();
  if (!created) throw new Error('budget insert returned nothing');
  if (body.allocations.length > 0) {
    await tx
      .insert(budgetAllocations)
      .values(body.allocations.map((a) => ({ budgetId: created.id, ...a, createdBy: actor.id, updatedBy: actor.id })));
  }
  await budgetAudit(tx, audit, {
    action: 'BUDGET_CREATED',
    id: created.id,
    before: null,
    after: auditedBudget(created, body.allocations),
  });
  return created;
}

/** Replaces the live allocations with `wanted`: changed amounts updated in place (keeping their alert level), others added or retired. */
async function replaceAllocations(tx: Executor, budgetId: string, wanted: Allocation[], actorId: string) {
  const now = new Date();
  const current = await allocationsOf(tx, budgetId);
  for (const row of current) {
    const next = wanted.find((a) => a.category === row.category);
    if (!next) {
      await tx
        .update(budgetAllocations)
        .set({ deletedAt: now, updatedAt: now, updatedBy: actorId })
        .where(eq(budgetAllocations.id, row.id));
    } else if (next.amountCents !== row.amountCents) {
      await tx
        .update(budgetAllocations)
        .set({
          amountCents: next.amountCents,
          updatedAt: now,
          updatedBy: actorId,
          version: sql`${budgetAllocations.version} + 1`,
        })
        .where(eq(budgetAllocations.id, row.id));
    }
  }
  const added = wanted.filter((a) => !current.some((row) => row.category === a.category));
  if (added.length > 0) {
    await tx
      .insert(budgetAllocations)
      .values(added.map((a) => ({ budgetId, ...a, createdBy: actorId, updatedBy: actorId })));
  }
}

/** Applies an admin's change to a budget with a version check; thresholds are re-evaluated against the new figures. */
export async function updateBudget(
  tx: Executor,
  deps: { audit: AuditService; notifier: Notifier },
  input: { actor: Actor; id: string; body: UpdateBudgetBody },
): Promise<StagedNotification[]> {
  const { actor, id, body } = input;
  const budget = await findBudget(tx, id, { lock: true });
  if (!budget) throw new NotFoundError('Budget');
  if (body.version !== budget.version) {
    throw new ConflictError('This budget was changed by someone else; reload and try again', {
      currentVersion: budget.version,
    });
  }
  const { version: _version, allocations: wanted, ...fields } = body;
  const periodType = fields.periodType ?? budget.periodType;
  const periodStart = fields.periodStart ?? budget.periodStart;
  const periodChanged = fields.periodType !== undefined || fields.periodStart !== undefined;
  const periodEnd = fields.periodEnd ?? (periodChanged ? defaultPeriodEnd(periodType, periodStart) : budget.periodEnd);
  if (periodEnd < periodStart) {
    throw new UnprocessableError('The period would end before it starts', [
      { field: 'body.periodEnd', message: 'must not be before periodStart' },
    ]);
  }
  const warning = fields.warningThresholdPct ?? budget.warningThresholdPct;
  const critical = fields.criticalThresholdPct ?? budget.criticalThresholdPct;
  if (warning >= critical) {
    throw new UnprocessableError('The warning threshold must be below the critical one', [
      { field: 'body.criticalThresholdPct', message: 'must be above warningThresholdPct' },
    ]);
  }
  const beforeAllocations = await allocationsOf(tx, id);
  const allocations = wanted ?? beforeAllocations.map((a) => ({ category: a.category, amountCents: a.amountCents }));
  assertAllocationsFit(allocations, fields.totalCents ?? budget.totalCents);

  const [updated] = await tx
    .update(budgets)
    .set({
      ...fields,
      periodType,
      periodStart,
      periodEnd,
      updatedAt: new Date(),
      updatedBy: actor.id,
      version: sql`${budgets.version} + 1`,
    })
    .where(eq(budgets.id, id))
    .returning();
  if (!updated) throw new Error('budget update returned nothing');
  if (wanted) await replaceAllocations(tx, id, wanted, actor.id);
  await budgetAudit(tx, deps.audit, {
    action: 'BUDGET_UPDATED',
    id,
    before: auditedBudget(budget, beforeAllocations),
    after: auditedBudget(updated, allocations),
  });
  return applyThresholds(tx, deps.notifier, updated);
}
