import { z } from 'zod';
import { BUDGET_CATEGORIES, type BudgetCategory } from './budget-categories';
import { paginationQuerySchema } from './envelope';

export { BUDGET_CATEGORIES, type BudgetCategory } from './budget-categories';

/** Budget vocabulary and wire schemas. Money is integer cents everywhere; percentages are display-only. */
export const BUDGET_PERIOD_TYPES = ['WEEKLY', 'MONTHLY', 'ANNUAL'] as const;
export const BUDGET_STATUSES = ['ACTIVE', 'CLOSED'] as const;
export const EXPENSE_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;
export const ALERT_LEVELS = ['NONE', 'WARNING', 'CRITICAL'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** The budget category a visit's cost is charged to: skilled nursing is a medical service, every other visit personal care. */
export function categoryOfService(serviceType: string): BudgetCategory {
  return serviceType === 'SKILLED_NURSING' ? 'MEDICAL_SERVICES' : 'PERSONAL_CARE';
}

/** Ten billion dollars: far above any home-care budget, and ×100 still an exact JavaScript integer. */
export const MAX_CENTS = 1_000_000_000_000;
const cents = z.number().int().min(0).max(MAX_CENTS);
const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

const allocationInputSchema = z.strictObject({ category: z.enum(BUDGET_CATEGORIES), amountCents: cents });
const allocationsSchema = z
  .array(allocationInputSchema)
  .max(BUDGET_CATEGORIES.length)
  .refine((list) => new Set(list.map((a) => a.category)).size === list.length, {
    message: 'each category may appear once',
  });

const budgetFields = {
  periodType: z.enum(BUDGET_PERIOD_TYPES),
  periodStart: isoDate,
  /** Defaults to the end of the period that starts on `periodStart` (6 days, a month or a year later, minus a day). */
  periodEnd: isoDate.optional(),
  totalCents: cents,
  allocations: allocationsSchema,
  fundingSource: text(200),
  authorizationNumber: text(100).nullish(),
  authorizationExpiresOn: isoDate.nullish(),
  /** Expenses above this wait for approval; null: none wait. */
  approvalLimitCents: cents.nullish(),
  warningThresholdPct: z.number().int().min(1).max(100),
  criticalThresholdPct: z.number().int().min(1).max(100),
  notes: text(2000).nullish(),
};

const thresholdsInOrder = (v: { warningThresholdPct?: number; criticalThresholdPct?: number }) =>
  v.warningThresholdPct === undefined ||
  v.criticalThresholdPct === undefined ||
  v.warningThresholdPct < v.criticalThresholdPct;
const thresholdsIssue = { message: 'must be above warningThresholdPct', path: ['criticalThresholdPct'] };
const endNotBeforeStart = (v: { periodStart?: string; periodEnd?: string | undefined }) =>
  v.periodStart === undefined || v.periodEnd === undefined || v.periodEnd >= v.periodStart;
const endIssue = { message: 'must not be before periodStart', path: ['periodEnd'] };

export const createBudgetBodySchema = z
  .strictObject({
    clientId: z.uuid(),
    ...budgetFields,
    allocations: allocationsSchema.default([]),
    warningThresholdPct: budgetFields.warningThresholdPct.default(80),
    criticalThresholdPct: budgetFields.criticalThresholdPct.default(95),
  })
  .refine(thresholdsInOrder, thresholdsIssue)
  .refine(endNotBeforeStart, endIssue);
export type CreateBudgetBody = z.infer<typeof createBudgetBodySchema>;

/** Send the `version` you read. `allocations`, when given, replaces the whole list. */
export const updateBudgetBodySchema = z
  .strictObject({
    version: z.number().int().min(1),
    ...budgetFields,
    status: z.enum(BUDGET_STATUSES),
  })
  .partial()
  .required({ version: true })
  .refine(thresholdsInOrder, thresholdsIssue)
  .refine(endNotBeforeStart, endIssue);
export type UpdateBudgetBody = z.infer<typeof updateBudgetBodySchema>;

export const listBudgetsQuerySchema = paginationQuerySchema.extend({
  clientId: z.uuid().optional(),
  status: z.enum(BUDGET_STATUSES).optional(),
  /** Budgets whose period ends on or after this date. */
  periodStart: isoDate.optional(),
  /** Budgets whose period starts on or before this date. */
  periodEnd: isoDate.optional(),
  /** `true`: budgets whose total or a category has reached its warning threshold (or critical). */
  overThreshold: z.enum(['true']).optional(),
  /** `true`: budgets with expenses waiting for approval. */
  pendingExpenses: z.enum(['true']).optional(),
});
export type ListBudgetsQuery = z.infer<typeof listBudgetsQuerySchema>;

export const createExpenseBodySchema = z.strictObject({
  category: z.enum(BUDGET_CATEGORIES),
  amountCents: cents.min(1),
  description: text(500),
  incurredOn: isoDate,
  receiptFileId: z.uuid().optional(),
  /** Admins only: accept an expense that exceeds its category or the total. */
  override: z.strictObject({ reason: text(500) }).optional(),
});
export type CreateExpenseBody = z.infer<typeof createExpenseBodySchema>;

export const expenseDecisionBodySchema = z.strictObject({ note: text(1000).optional() });

export const expenseViewSchema = z.object({
  id: z.uuid(),
  budgetId: z.uuid(),
  category: z.enum(BUDGET_CATEGORIES),
  amountCents: z.number().int(),
  description: z.string(),
  incurredOn: z.string(),
  status: z.enum(EXPENSE_STATUSES),
  visitId: z.uuid().nullable(),
  receiptFileId: z.uuid().nullable(),
  override: z.object({ reason: z.string(), by: z.uuid().nullable() }).nullable(),
  decision: z.object({ by: z.uuid().nullable(), at: z.string().nullable(), note: z.string().nullable() }).nullable(),
  /** Billing fields of a visit's cost: supervisors and admins only. */
  billing: z
    .object({ billableMinutes: z.number().int().nullable(), rateCents: z.number().int().nullable() })
    .optional(),
  createdAt: z.string(),
  createdBy: z.uuid().nullable(),
});
export type ExpenseView = z.infer<typeof expenseViewSchema>;

const figuresSchema = {
  allocationCents: z.number().int(),
  /** APPROVED expenses. */
  spentCents: z.number().int(),
  /** PENDING expenses (they count toward the limits). */
  pendingCents: z.number().int(),
  /** Booked, not yet completed visits in the period at their rate × scheduled minutes (computed, not stored). */
  committedCents: z.number().int(),
  /** allocation − spent − pending: what a new expense may still use. */
  remainingCents: z.number().int(),
  /** remaining − committed: what is free once the booked visits are done. */
  uncommittedCents: z.number().int(),
  /** (spent + pending) ÷ allocation, one decimal; null for a zero allocation. */
  utilizationPct: z.number().nullable(),
  alertLevel: z.enum(ALERT_LEVELS),
};
export const categoryFiguresSchema = z.object({ category: z.enum(BUDGET_CATEGORIES), ...figuresSchema });
export type CategoryFigures = z.infer<typeof categoryFiguresSchema>;
export const totalFiguresSchema = z.object({ ...figuresSchema, allocatedCents: z.number().int() });
export type TotalFigures = z.infer<typeof totalFiguresSchema>;

export const budgetSummarySchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  clientName: z.string(),
  periodType: z.enum(BUDGET_PERIOD_TYPES),
  periodStart: z.string(),
  periodEnd: z.string(),
  totalCents: z.number().int(),
  spentCents: z.number().int(),
  pendingCents: z.number().int(),
  status: z.enum(BUDGET_STATUSES),
  alertLevel: z.enum(ALERT_LEVELS),
  version: z.number().int(),
});
export type BudgetSummary = z.infer<typeof budgetSummarySchema>;

export const budgetViewSchema = budgetSummarySchema.extend({
  fundingSource: z.string(),
  authorizationNumber: z.string().nullable(),
  authorizationExpiresOn: z.string().nullable(),
  approvalLimitCents: z.number().int().nullable(),
  thresholds: z.object({ warningPct: z.number().int(), criticalPct: z.number().int() }),
  notes: z.string().nullable(),
  categories: z.array(categoryFiguresSchema),
  totals: totalFiguresSchema,
  expenses: z.array(expenseViewSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BudgetView = z.infer<typeof budgetViewSchema>;

const forecastFigures = {
  allocationCents: z.number().int(),
  spentCents: z.number().int(),
  committedCents: z.number().int(),
  /** round(spent ÷ elapsed days × period days) + committed. */
  projectedCents: z.number().int(),
  /** allocation − projected (negative: projected overrun). */
  projectedRemainingCents: z.number().int(),
  projectedUtilizationPct: z.number().nullable(),
  overBudget: z.boolean(),
};
export const budgetForecastSchema = z.object({
  budgetId: z.uuid(),
  asOf: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  periodDays: z.number().int(),
  elapsedDays: z.number().int(),
  formula: z.string(),
  categories: z.array(z.object({ category: z.enum(BUDGET_CATEGORIES), ...forecastFigures })),
  total: z.object(forecastFigures),
});
export type BudgetForecast = z.infer<typeof budgetForecastSchema>;

/**
 * The last day of the period of `periodType` that starts on `periodStart`: the day before the same
 * date a week, month or year later (clamped to the month's end, so 31 Jan runs to 27 Feb).
 */
export function defaultPeriodEnd(periodType: (typeof BUDGET_PERIOD_TYPES)[number], periodStart: string): string {
  const [y = 0, m = 1, d = 1] = periodStart.split('-').map(Number);
  const months = periodType === 'MONTHLY' ? 1 : periodType === 'ANNUAL' ? 12 : 0;
  const lastOfTarget = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  const next =
    periodType === 'WEEKLY' ? Date.UTC(y, m - 1, d + 7) : Date.UTC(y, m - 1 + months, Math.min(d, lastOfTarget));
  return new Date(next - 86_400_000).toISOString().slice(0, 10);
}

/** The longest range `GET /budgets/uncovered` looks through. */
export const UNCOVERED_MAX_DAYS = 366;

/**
 * Visits (booked or completed) on days no budget of their client covers: their cost is booked
 * nowhere. Dates are the visit's date in the client's time zone, as check-out books it.
 */
export const uncoveredVisitsQuerySchema = z
  .object({
    clientId: z.uuid().optional(),
    /** Default: 31 days before today (agency time zone). */
    from: isoDate.optional(),
    /** Default: 62 days after today. */
    to: isoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { message: 'must not be before from', path: ['to'] })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < UNCOVERED_MAX_DAYS, {
    message: `at most ${UNCOVERED_MAX_DAYS} days`,
    path: ['to'],
  });
export type UncoveredVisitsQuery = z.infer<typeof uncoveredVisitsQuerySchema>;

export const uncoveredVisitSchema = z.object({
  visitId: z.uuid(),
  clientId: z.uuid(),
  clientName: z.string(),
  workerId: z.uuid().nullable(),
  status: z.string(),
  serviceType: z.string(),
  /** The visit's date in the client's time zone: the day no budget covers. */
  serviceDate: z.string(),
  scheduledStart: z.string(),
  scheduledEnd: z.string(),
  /** Completed visits' cost, which no budget received (supervisors and admins only). */
  costCents: z.number().int().nullable().optional(),
});

export const uncoveredVisitsSchema = z.object({
  from: z.string(),
  to: z.string(),
  clientId: z.uuid().nullable(),
  visits: z.array(uncoveredVisitSchema),
  /** More than 1,000 matched; narrow the range or pick a client. */
  truncated: z.boolean(),
  totals: z.object({ visits: z.number().int(), completed: z.number().int(), booked: z.number().int() }),
});
export type UncoveredVisits = z.infer<typeof uncoveredVisitsSchema>;
