import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bookkeeping, id, tstz } from './columns';
import { users } from './users';
import { visits } from './visits';

export const BUDGET_CATEGORY_VALUES = [
  'PERSONAL_CARE',
  'MEDICAL_SERVICES',
  'TRANSPORTATION',
  'HOME_MODIFICATIONS',
  'EMERGENCY_FUND',
  'OTHER',
] as const;
export const ALERT_LEVEL_VALUES = ['NONE', 'WARNING', 'CRITICAL'] as const;

/**
 * Classification: PHI (funding of a named client's care). Money is integer cents throughout.
 * One budget per client per overlapping period (exclusion constraint in the custom migration).
 */
export const budgets = pgTable(
  'budgets',
  {
    id: id(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => users.id),
    periodType: text('period_type', { enum: ['WEEKLY', 'MONTHLY', 'ANNUAL'] }).notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
    fundingSource: text('funding_source').notNull(),
    authorizationNumber: text('authorization_number'),
    authorizationExpiresOn: date('authorization_expires_on', { mode: 'string' }),
    /** Expenses above this wait for approval (null: none do). */
    approvalLimitCents: bigint('approval_limit_cents', { mode: 'number' }),
    warningThresholdPct: integer('warning_threshold_pct').notNull().default(80),
    criticalThresholdPct: integer('critical_threshold_pct').notNull().default(95),
    status: text('status', { enum: ['ACTIVE', 'CLOSED'] })
      .notNull()
      .default('ACTIVE'),
    /** The highest threshold already announced for the total, so each crossing notifies once. */
    alertLevel: text('alert_level', { enum: ALERT_LEVEL_VALUES }).notNull().default('NONE'),
    notes: text('notes'),
    ...bookkeeping(),
  },
  (t) => [
    index('budgets_client_idx').on(t.clientId, t.periodStart),
    // The overview's budgets over threshold: active budgets whose total has crossed one (few rows).
    index('budgets_alert_idx')
      .on(t.periodEnd)
      .where(sql`${t.status} = 'ACTIVE' and ${t.deletedAt} is null and ${t.alertLevel} <> 'NONE'`),
    check('budgets_period_check', sql`${t.periodEnd} >= ${t.periodStart}`),
    check('budgets_total_check', sql`${t.totalCents} >= 0`),
    check('budgets_limit_check', sql`${t.approvalLimitCents} is null or ${t.approvalLimitCents} >= 0`),
    check(
      'budgets_thresholds_check',
      sql`${t.warningThresholdPct} between 1 and 100 and ${t.criticalThresholdPct} between 1 and 100 and ${t.warningThresholdPct} < ${t.criticalThresholdPct}`,
    ),
  ],
);

/** Classification: PHI. A category's share of a budget. */
export const budgetAllocations = pgTable(
  'budget_allocations',
  {
    id: id(),
    budgetId: uuid('budget_id')
      .notNull()
      .references(() => budgets.id),
    category: text('category', { enum: BUDGET_CATEGORY_VALUES }).notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    alertLevel: text('alert_level', { enum: ALERT_LEVEL_VALUES }).notNull().default('NONE'),
    ...bookkeeping(),
  },
  (t) => [
    uniqueIndex('budget_allocations_category_key').on(t.budgetId, t.category).where(sql`${t.deletedAt} is null`),
    // Categories that have crossed a threshold, for the overview's budgets over threshold.
    index('budget_allocations_alert_idx')
      .on(t.budgetId)
      .where(sql`${t.alertLevel} <> 'NONE' and ${t.deletedAt} is null`),
    check('budget_allocations_amount_check', sql`${t.amountCents} >= 0`),
  ],
);

/** Classification: PHI. Money spent against a budget: a completed visit's cost or a manual expense. */
export const expenses = pgTable(
  'expenses',
  {
    id: id(),
    budgetId: uuid('budget_id')
      .notNull()
      .references(() => budgets.id),
    category: text('category', { enum: BUDGET_CATEGORY_VALUES }).notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    description: text('description').notNull(),
    incurredOn: date('incurred_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['PENDING', 'APPROVED', 'REJECTED'] })
      .notNull()
      .default('APPROVED'),
    /** The visit whose cost this is; at most one expense per visit. */
    visitId: uuid('visit_id').references(() => visits.id),
    receiptFileId: uuid('receipt_file_id'),
    overrideReason: text('override_reason'),
    overriddenBy: uuid('overridden_by').references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: tstz('decided_at'),
    decisionNote: text('decision_note'),
    ...bookkeeping(),
  },
  (t) => [
    index('expenses_budget_idx').on(t.budgetId, t.status, t.category),
    // Expenses waiting for approval (the overview counts them across every budget).
    index('expenses_pending_idx').on(t.createdAt).where(sql`${t.status} = 'PENDING' and ${t.deletedAt} is null`),
    uniqueIndex('expenses_visit_key').on(t.visitId).where(sql`${t.visitId} is not null and ${t.deletedAt} is null`),
    check('expenses_amount_check', sql`${t.amountCents} > 0`),
    check('expenses_override_check', sql`${t.overriddenBy} is null or ${t.overrideReason} is not null`),
  ],
);
