import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { type CreateExpenseBody, categoryOfService, dateInZone, SERVICE_TYPES } from '@caretracker/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { ConflictError, NotFoundError, UnprocessableError } from '../../errors/app-errors';
import type { AuditService } from '../audit/service';
import { visibleFilesCondition } from '../files/access';
import type { Notifier, StagedNotification } from '../notifications/service';
import { totalSums, usedOf } from './figures';
import {
  allocationsOf,
  type BudgetRow,
  clientTimeZone,
  type ExpenseRow,
  expenseSums,
  lockBudgetCovering,
} from './queries';
import { applyThresholds } from './thresholds';

const { expenses, files, budgets } = schema;

/**
 * A receipt must be a file the caller may see that belongs to the budget's client: one filed on
 * the client's record or on one of the client's expenses. Anything else (another client's
 * document, a file that does not exist) is refused, so an expense cannot point at a stranger's file.
 */
async function requireReceipt(tx: Executor, actor: Actor, clientId: string, fileId: string): Promise<void> {
  const ofClient = sql`(
    (${files.entityType} = 'CLIENT' and ${files.entityId} = ${clientId})
    or (${files.entityType} = 'EXPENSE' and ${files.entityId} in (
      select e.id from ${expenses} e join ${budgets} b on b.id = e.budget_id where b.client_id = ${clientId})))`;
  const [found] = await tx
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.id, fileId), isNull(files.deletedAt), ofClient, visibleFilesCondition(actor)));
  if (!found) {
    throw new UnprocessableError('receiptFileId does not name a file of this client that you can see', [
      { field: 'body.receiptFileId', message: "must be a file on this client's record" },
    ]);
  }
}

export interface ExpenseDeps {
  audit: AuditService;
  notifier: Notifier;
}

const auditedExpense = (row: ExpenseRow) => ({
  budgetId: row.budgetId,
  category: row.category,
  amountCents: row.amountCents,
  description: row.description,
  incurredOn: row.incurredOn,
  status: row.status,
  visitId: row.visitId,
  receiptFileId: row.receiptFileId,
  overrideReason: row.overrideReason,
  overriddenBy: row.overriddenBy,
});

/**
 * Adds a manual expense to a budget the caller already locked (`SELECT … FOR UPDATE`), so
 * concurrent expenses are checked one after another against exact sums. Refused (422) when the
 * category's or the total's spent + pending would pass its allocation, unless an admin overrides
 * with a reason; above the approval limit it waits as PENDING.
 */
export async function insertManualExpense(
  tx: Executor,
  deps: ExpenseDeps,
  input: { actor: Actor; budget: BudgetRow; body: CreateExpenseBody },
): Promise<StagedNotification[]> {
  const { actor, budget, body } = input;
  if (budget.status !== 'ACTIVE') {
    throw new ConflictError('This budget is closed; expenses go to an active budget', { status: budget.status });
  }
  if (body.incurredOn < budget.periodStart || body.incurredOn > budget.periodEnd) {
    throw new UnprocessableError('incurredOn must fall within the budget period', [
      { field: 'body.incurredOn', message: `must be between ${budget.periodStart} and ${budget.periodEnd}` },
    ]);
  }
  const [allocations, sums] = await Promise.all([allocationsOf(tx, budget.id), expenseSums(tx, budget.id)]);
  const allocationCents = allocations.find((a) => a.category === body.category)?.amountCents ?? 0;
  const categoryWouldBe = usedOf(sums.get(body.category)) + body.amountCents;
  const totals = totalSums(sums);
  const totalWouldBe = totals.spentCents + totals.pendingCents + body.amountCents;
  const exceeded = [
    ...(categoryWouldBe > allocationCents
      ? [{ scope: 'CATEGORY', category: body.category, allocationCents, wouldBeCents: categoryWouldBe }]
      : []),
    ...(totalWouldBe > budget.totalCents
      ? [{ scope: 'TOTAL', category: null, allocationCents: budget.totalCents, wouldBeCents: totalWouldBe }]
      : []),
  ];
  // The service lets only admins send `override`; it applies only when something is exceeded.
  const override = exceeded.length > 0 ? body.override : undefined;
  if (exceeded.length > 0 && !override) {
    throw new UnprocessableError('This expense would exceed the budget; an admin may override with a reason', {
      category: body.category,
      allocationCents,
      wouldBeCents: categoryWouldBe,
      exceeded,
    });
  }
  if (body.receiptFileId) await requireReceipt(tx, input.actor, budget.clientId, body.receiptFileId);
  const pending = budget.approvalLimitCents !== null && body.amountCents > budget.approvalLimitCents;
  const [row] = await tx
    .insert(expenses)
    .values({
      budgetId: budget.id,
      category: body.category,
      amountCents: body.amountCents,
      description: body.description,
      incurredOn: body.incurredOn,
      status: pending ? 'PENDING' : 'APPROVED',
      receiptFileId: body.receiptFileId ?? null,
      overrideReason: override?.reason ?? null,
      overriddenBy: override ? actor.id : null,
      createdBy: actor.id,
      updatedBy: actor.id,
    })
    .returning();
  if (!row) throw new Error('expense insert returned nothing');
  await deps.audit.record(
    {
      action: 'EXPENSE_CREATED',
      entityType: 'expense',
      entityId: row.id,
      classification: 'PHI',
      newValues: auditedExpense(row),
      metadata: { budgetId: budget.id },
    },
    tx,
  );
  if (override) {
    await deps.audit.record(
      {
        action: 'BUDGET_OVERRIDE',
        entityType: 'budget',
        entityId: budget.id,
        classification: 'PHI',
        newValues: { expenseId: row.id, overrideReason: override.reason, overriddenBy: actor.id },
        metadata: { exceeded },
      },
      tx,
    );
  }
  return applyThresholds(tx, deps.notifier, budget);
}

/** Approves or rejects a PENDING expense of a locked budget; a rejection lowers the alert levels it raised. */
export async function decideExpense(
  tx: Executor,
  deps: ExpenseDeps,
  input: { actor: Actor; budget: BudgetRow; expenseId: string; decision: 'APPROVED' | 'REJECTED'; note?: string },
): Promise<StagedNotification[]> {
  const { actor, budget, expenseId, decision } = input;
  const [expense] = await tx
    .select()
    .from(expenses)
    .where(and(eq(expenses.id, expenseId), eq(expenses.budgetId, budget.id), isNull(expenses.deletedAt)))
    .for('update');
  if (!expense) throw new NotFoundError('Expense');
  if (expense.status !== 'PENDING') {
    throw new ConflictError(`Only a pending expense can be decided; this one is ${expense.status}`, {
      status: expense.status,
    });
  }
  const now = new Date();
  await tx
    .update(expenses)
    .set({
      status: decision,
      decidedBy: actor.id,
      decidedAt: now,
      decisionNote: input.note ?? null,
      updatedAt: now,
      updatedBy: actor.id,
      version: sql`${expenses.version} + 1`,
    })
    .where(eq(expenses.id, expenseId));
  await deps.audit.record(
    {
      action: decision === 'APPROVED' ? 'EXPENSE_APPROVED' : 'EXPENSE_REJECTED',
      entityType: 'expense',
      entityId: expenseId,
      classification: 'PHI',
      oldValues: { status: expense.status },
      newValues: { status: decision, decidedBy: actor.id, decidedAt: now, decisionNote: input.note ?? null },
      metadata: { budgetId: budget.id, amountCents: expense.amountCents, category: expense.category },
    },
    tx,
  );
  return applyThresholds(tx, deps.notifier, budget);
}

export interface CompletedVisit {
  id: string;
  clientId: string;
  serviceType: string;
  scheduledStart: Date;
  costCents: number | null;
  updatedBy: string | null;
}

/**
 * Records a completed visit's cost as an APPROVED expense in its category, in the caller's
 * (check-out's) transaction, against the client's budget covering the visit's date (in the client's
 * time zone). Never refuses: over-spend shows in the thresholds, not as a failed check-out. No
 * budget covering the date, or no cost (no rate): nothing is recorded. Idempotent per visit.
 * Threshold notifications are stored in the transaction; their live delivery cannot wait for the
 * caller's commit without a second call in check-out, so it happens here.
 */
export async function recordVisitCost(tx: Executor, visit: CompletedVisit, deps: ExpenseDeps): Promise<string | null> {
  if (visit.costCents === null || visit.costCents <= 0) return null;
  const date = dateInZone(visit.scheduledStart, await clientTimeZone(tx, visit.clientId));
  const budget = await lockBudgetCovering(tx, visit.clientId, date);
  if (!budget) return null;
  const label = SERVICE_TYPES[visit.serviceType as keyof typeof SERVICE_TYPES]?.label ?? visit.serviceType;
  const [row] = await tx
    .insert(expenses)
    .values({
      budgetId: budget.id,
      category: categoryOfService(visit.serviceType),
      amountCents: visit.costCents,
      description: `Visit on ${date}: ${label}`,
      incurredOn: date,
      status: 'APPROVED',
      visitId: visit.id,
      createdBy: visit.updatedBy,
      updatedBy: visit.updatedBy,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  await deps.audit.record(
    {
      action: 'EXPENSE_CREATED',
      entityType: 'expense',
      entityId: row.id,
      classification: 'PHI',
      newValues: auditedExpense(row),
      metadata: { budgetId: budget.id, source: 'visit check-out' },
    },
    tx,
  );
  for (const staged of await applyThresholds(tx, deps.notifier, budget)) await staged.deliver();
  return row.id;
}
