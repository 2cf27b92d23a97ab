import type { AlertLevel, BudgetCategory, BudgetForecast, CategoryFigures, TotalFigures } from '@caretracker/shared';
import { BUDGET_CATEGORIES } from '@caretracker/shared';

/**
 * Budget arithmetic, pure and in integer cents. Percentages are computed last, for display and
 * never fed back into money; threshold comparisons are done on integers (used × 100 ≥ allocation × pct).
 */

export const LEVEL_RANK: Record<AlertLevel, number> = { NONE: 0, WARNING: 1, CRITICAL: 2 };

/** A sum PostgreSQL returned (numeric/bigint arrive as strings): an exact integer or an error, never a rounded float. */
export function parseCents(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const text = String(value);
  if (!/^-?\d+$/.test(text)) throw new Error(`not a whole number of cents: ${text}`);
  const cents = Number(text);
  if (!Number.isSafeInteger(cents)) throw new Error(`cents out of the exact range: ${text}`);
  return cents;
}

/** The alert level a used amount reaches against an allocation; any use of a zero allocation is critical. */
export function levelFor(
  usedCents: number,
  allocationCents: number,
  warningPct: number,
  criticalPct: number,
): AlertLevel {
  if (allocationCents <= 0) return usedCents > 0 ? 'CRITICAL' : 'NONE';
  const used = BigInt(usedCents) * 100n;
  if (used >= BigInt(allocationCents) * BigInt(criticalPct)) return 'CRITICAL';
  if (used >= BigInt(allocationCents) * BigInt(warningPct)) return 'WARNING';
  return 'NONE';
}

/** used ÷ allocation in percent, one decimal (display only); null when nothing is allocated. */
export function percentOf(usedCents: number, allocationCents: number): number | null {
  if (allocationCents <= 0) return null;
  return Math.round((usedCents * 1000) / allocationCents) / 10;
}

export interface ExpenseSums {
  spentCents: number;
  pendingCents: number;
}
export type SumsByCategory = Map<BudgetCategory, ExpenseSums>;

export interface AllocationState {
  category: BudgetCategory;
  amountCents: number;
  alertLevel: AlertLevel;
}

/** Spent + pending: what counts toward a limit and toward the thresholds. */
export const usedOf = (sums: ExpenseSums | undefined) => (sums ? sums.spentCents + sums.pendingCents : 0);

export function totalSums(sums: SumsByCategory): ExpenseSums {
  let spentCents = 0;
  let pendingCents = 0;
  for (const value of sums.values()) {
    spentCents += value.spentCents;
    pendingCents += value.pendingCents;
  }
  return { spentCents, pendingCents };
}

function figures(allocationCents: number, sums: ExpenseSums, committedCents: number, alertLevel: AlertLevel) {
  const used = sums.spentCents + sums.pendingCents;
  const remainingCents = allocationCents - used;
  return {
    allocationCents,
    spentCents: sums.spentCents,
    pendingCents: sums.pendingCents,
    committedCents,
    remainingCents,
    uncommittedCents: remainingCents - committedCents,
    utilizationPct: percentOf(used, allocationCents),
    alertLevel,
  };
}

/**
 * Per-category and total figures. A category shows when it has an allocation or any spending or
 * commitment; one without an allocation counts as allocated zero.
 */
export function buildFigures(input: {
  totalCents: number;
  totalAlertLevel: AlertLevel;
  allocations: AllocationState[];
  sums: SumsByCategory;
  committed: Map<BudgetCategory, number>;
}): { categories: CategoryFigures[]; totals: TotalFigures } {
  const zero = { spentCents: 0, pendingCents: 0 };
  const categories = BUDGET_CATEGORIES.flatMap((category) => {
    const allocation = input.allocations.find((a) => a.category === category);
    const sums = input.sums.get(category) ?? zero;
    const committed = input.committed.get(category) ?? 0;
    if (!allocation && usedOf(sums) === 0 && committed === 0) return [];
    return [{ category, ...figures(allocation?.amountCents ?? 0, sums, committed, allocation?.alertLevel ?? 'NONE') }];
  });
  let committedTotal = 0;
  for (const value of input.committed.values()) committedTotal += value;
  const allocatedCents = input.allocations.reduce((sum, a) => sum + a.amountCents, 0);
  const totals = {
    ...figures(input.totalCents, totalSums(input.sums), committedTotal, input.totalAlertLevel),
    allocatedCents,
  };
  return { categories, totals };
}

/** Whole days from `from` to `to` inclusive (ISO dates). */
export function daysBetweenInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export const FORECAST_FORMULA =
  'projected = round(spent ÷ elapsed days × period days) + committed; spent counts APPROVED expenses, elapsed days run from the period start to today inclusive (0 before it starts, the whole period after it ends), committed is the booked visits not yet completed';

/** Projects spend to period end from the pace so far, plus what booked visits will cost. */
export function forecastFigures(input: {
  periodStart: string;
  periodEnd: string;
  today: string;
  totalCents: number;
  allocations: AllocationState[];
  sums: SumsByCategory;
  committed: Map<BudgetCategory, number>;
}): Omit<BudgetForecast, 'budgetId' | 'asOf'> {
  const periodDays = daysBetweenInclusive(input.periodStart, input.periodEnd);
  const elapsedDays = Math.min(periodDays, Math.max(0, daysBetweenInclusive(input.periodStart, input.today)));
  const project = (spentCents: number, committedCents: number, allocationCents: number) => {
    const paced =
      elapsedDays === 0
        ? 0n
        : (BigInt(spentCents) * BigInt(periodDays) * 2n + BigInt(elapsedDays)) / (BigInt(elapsedDays) * 2n);
    const projectedCents = Number(paced) + committedCents;
    return {
      allocationCents,
      spentCents,
      committedCents,
      projectedCents,
      projectedRemainingCents: allocationCents - projectedCents,
      projectedUtilizationPct: percentOf(projectedCents, allocationCents),
      overBudget: projectedCents > allocationCents,
    };
  };
  const { categories } = buildFigures({
    totalCents: input.totalCents,
    totalAlertLevel: 'NONE',
    allocations: input.allocations,
    sums: input.sums,
    committed: input.committed,
  });
  const total = totalSums(input.sums);
  let committedTotal = 0;
  for (const value of input.committed.values()) committedTotal += value;
  return {
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    periodDays,
    elapsedDays,
    formula: FORECAST_FORMULA,
    categories: categories.map((c) => ({
      category: c.category,
      ...project(c.spentCents, c.committedCents, c.allocationCents),
    })),
    total: project(total.spentCents, committedTotal, input.totalCents),
  };
}
