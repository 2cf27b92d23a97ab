import type { Executor } from '@caretracker/database';
import type { BudgetSummary, BudgetView, ExpenseView, Role } from '@caretracker/shared';
import { buildFigures } from './figures';
import {
  allocationStates,
  allocationsOf,
  type BudgetRow,
  clientName,
  committedByCategory,
  type ExpenseWithVisit,
  expenseSums,
  expensesOf,
} from './queries';

/** Rates and billable minutes of a visit's cost: supervisors read them, admins read and write them; clients see amounts only. */
export const seesBilling = (role: Role) => role === 'SUPERVISOR' || role === 'ADMIN';

export function expenseView({ expense, billableMinutes, rateCents }: ExpenseWithVisit, role: Role): ExpenseView {
  return {
    id: expense.id,
    budgetId: expense.budgetId,
    category: expense.category,
    amountCents: expense.amountCents,
    description: expense.description,
    incurredOn: expense.incurredOn,
    status: expense.status,
    visitId: expense.visitId,
    receiptFileId: expense.receiptFileId,
    override: expense.overrideReason ? { reason: expense.overrideReason, by: expense.overriddenBy } : null,
    decision: expense.decidedAt
      ? { by: expense.decidedBy, at: expense.decidedAt.toISOString(), note: expense.decisionNote }
      : null,
    ...(expense.visitId && seesBilling(role) ? { billing: { billableMinutes, rateCents } } : {}),
    createdAt: expense.createdAt.toISOString(),
    createdBy: expense.createdBy,
  };
}

export function summaryOf(
  budget: BudgetRow,
  extra: { clientName: string; spentCents: number; pendingCents: number },
): BudgetSummary {
  return {
    id: budget.id,
    clientId: budget.clientId,
    clientName: extra.clientName,
    periodType: budget.periodType,
    periodStart: budget.periodStart,
    periodEnd: budget.periodEnd,
    totalCents: budget.totalCents,
    spentCents: extra.spentCents,
    pendingCents: extra.pendingCents,
    status: budget.status,
    alertLevel: budget.alertLevel,
    version: budget.version,
  };
}

/** The whole budget as the actor may read it: figures per category and in total, thresholds, expenses. */
export async function budgetView(executor: Executor, budget: BudgetRow, role: Role): Promise<BudgetView> {
  const [allocations, sums, committed, expenses, name] = await Promise.all([
    allocationsOf(executor, budget.id),
    expenseSums(executor, budget.id),
    committedByCategory(executor, budget),
    expensesOf(executor, budget.id),
    clientName(executor, budget.clientId),
  ]);
  const { categories, totals } = buildFigures({
    totalCents: budget.totalCents,
    totalAlertLevel: budget.alertLevel,
    allocations: allocationStates(allocations),
    sums,
    committed,
  });
  return {
    ...summaryOf(budget, { clientName: name, spentCents: totals.spentCents, pendingCents: totals.pendingCents }),
    fundingSource: budget.fundingSource,
    authorizationNumber: budget.authorizationNumber,
    authorizationExpiresOn: budget.authorizationExpiresOn,
    approvalLimitCents: budget.approvalLimitCents,
    thresholds: { warningPct: budget.warningThresholdPct, criticalPct: budget.criticalThresholdPct },
    notes: budget.notes,
    categories,
    totals,
    expenses: expenses.map((row) => expenseView(row, role)),
    createdAt: budget.createdAt.toISOString(),
    updatedAt: budget.updatedAt.toISOString(),
  };
}

/** Stored budget fields as the audit trail keeps them, allocations as a category → cents map. */
export function auditedBudget(budget: BudgetRow, allocations: Array<{ category: string; amountCents: number }>) {
  return {
    clientId: budget.clientId,
    periodType: budget.periodType,
    periodStart: budget.periodStart,
    periodEnd: budget.periodEnd,
    totalCents: budget.totalCents,
    fundingSource: budget.fundingSource,
    authorizationNumber: budget.authorizationNumber,
    authorizationExpiresOn: budget.authorizationExpiresOn,
    approvalLimitCents: budget.approvalLimitCents,
    warningThresholdPct: budget.warningThresholdPct,
    criticalThresholdPct: budget.criticalThresholdPct,
    status: budget.status,
    notes: budget.notes,
    allocations: Object.fromEntries(allocations.map((a) => [a.category, a.amountCents])),
  };
}
