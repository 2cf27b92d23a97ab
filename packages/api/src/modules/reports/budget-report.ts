import type { Executor } from '@caretracker/database';
import type { BudgetReport } from '@caretracker/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { ReportTable } from './documents';

type Level = BudgetReport['budgets'][number]['level'];
type BudgetLine = BudgetReport['budgets'][number];

interface BudgetRow {
  id: string;
  client_id: string;
  client_name: string;
  period_type: string;
  period_start: string;
  period_end: string;
  total_cents: string;
  warning_threshold_pct: number;
  critical_threshold_pct: number;
}
interface CategoryRow {
  budget_id: string;
  category: string;
  allocated: string;
  spent: string;
  pending: string;
  committed: string;
}

/** A sum PostgreSQL returned as text: an exact integer of cents. */
const cents = (value: string | number | null) => {
  const parsed = Number(value ?? 0);
  if (!Number.isSafeInteger(parsed)) throw new Error(`not an exact number of cents: ${value}`);
  return parsed;
};
const DAY_MS = 86_400_000;
const daysInclusive = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;

/** used ÷ allocation in percent, one decimal; null when nothing is allocated. */
const percentOf = (used: number, allocated: number) =>
  allocated <= 0 ? null : Math.round((used * 1000) / allocated) / 10;

/** Compared on integers: used × 100 against allocation × threshold. */
function levelOf(used: number, allocated: number, warningPct: number, criticalPct: number): Level {
  if (used > allocated) return 'OVER';
  if (allocated <= 0) return 'NONE';
  if (used * 100 >= allocated * criticalPct) return 'CRITICAL';
  if (used * 100 >= allocated * warningPct) return 'WARNING';
  return 'NONE';
}

/** round(spent ÷ elapsed days × period days): the pace so far carried to the period's end. */
function pacedCents(spent: number, periodStart: string, periodEnd: string, asOf: string) {
  const periodDays = daysInclusive(periodStart, periodEnd);
  const elapsed = Math.min(periodDays, Math.max(0, daysInclusive(periodStart, asOf)));
  if (elapsed === 0) return 0;
  return Number((BigInt(spent) * BigInt(periodDays) * 2n + BigInt(elapsed)) / (BigInt(elapsed) * 2n));
}

/**
 * Utilization of the active budgets whose period contains `asOf`, read straight from the budget
 * tables: approved expenses are spent, pending ones count toward the thresholds, booked visits
 * are committed (skilled nursing to medical services, every other visit to personal care).
 */
export async function buildBudgetReport(
  db: Executor,
  asOf: string,
  clientId: string | null,
  visibleClients: SQL | undefined,
): Promise<BudgetReport> {
  const budgetRows = (await db.execute(sql`
    select b.id, b.client_id, u.first_name || ' ' || u.last_name as client_name, b.period_type,
      b.period_start::text as period_start, b.period_end::text as period_end, b.total_cents::text as total_cents,
      b.warning_threshold_pct, b.critical_threshold_pct
    from budgets b join users u on u.id = b.client_id
    where b.deleted_at is null and b.status = 'ACTIVE' and ${asOf}::date between b.period_start and b.period_end
      ${clientId ? sql`and b.client_id = ${clientId}` : sql``}
      ${visibleClients ? sql`and b.client_id in ${visibleClients}` : sql``}
    order by u.last_name, u.first_name, b.period_start`)) as unknown as { rows: BudgetRow[] };
  const ids = budgetRows.rows.map((row) => row.id);
  const idList = sql`(${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
  const categoryRows =
    ids.length === 0
      ? []
      : (
          (await db.execute(sql`
    with spend as (
      select e.budget_id, e.category,
        sum(e.amount_cents) filter (where e.status = 'APPROVED') as spent,
        sum(e.amount_cents) filter (where e.status = 'PENDING') as pending
      from expenses e where e.deleted_at is null and e.status in ('APPROVED', 'PENDING') and e.budget_id in ${idList}
      group by 1, 2
    ), booked as (
      select b.id as budget_id,
        case when v.service_type = 'SKILLED_NURSING' then 'MEDICAL_SERVICES' else 'PERSONAL_CARE' end as category,
        sum(round(extract(epoch from v.scheduled_end - v.scheduled_start) / 60 * v.rate_cents / 60)) as committed
      from budgets b join visits v on v.client_id = b.client_id and v.deleted_at is null
        and v.status in ('SCHEDULED', 'CONFIRMED', 'IN_PROGRESS') and v.rate_cents is not null
        and v.scheduled_start >= b.period_start and v.scheduled_start < b.period_end + 1
      where b.id in ${idList}
      group by 1, 2
    ), keys as (
      select budget_id, category from budget_allocations where deleted_at is null
        and budget_id in ${idList}
      union select budget_id, category from spend union select budget_id, category from booked
    )
    select k.budget_id, k.category, coalesce(a.amount_cents, 0)::text as allocated,
      coalesce(s.spent, 0)::text as spent, coalesce(s.pending, 0)::text as pending,
      coalesce(bk.committed, 0)::bigint::text as committed
    from keys k
    left join budget_allocations a on a.budget_id = k.budget_id and a.category = k.category and a.deleted_at is null
    left join spend s on s.budget_id = k.budget_id and s.category = k.category
    left join booked bk on bk.budget_id = k.budget_id and bk.category = k.category
    order by k.budget_id, k.category`)) as unknown as { rows: CategoryRow[] }
        ).rows;

  const budgets: BudgetLine[] = budgetRows.rows.map((row) => {
    const warning = row.warning_threshold_pct;
    const critical = row.critical_threshold_pct;
    const categories = categoryRows
      .filter((c) => c.budget_id === row.id)
      .map((c) => {
        const allocatedCents = cents(c.allocated);
        const spentCents = cents(c.spent);
        const pendingCents = cents(c.pending);
        const committedCents = cents(c.committed);
        const used = spentCents + pendingCents;
        return {
          category: c.category,
          allocatedCents,
          spentCents,
          pendingCents,
          committedCents,
          remainingCents: allocatedCents - used,
          utilizationPct: percentOf(used, allocatedCents),
          forecastCents: pacedCents(spentCents, row.period_start, row.period_end, asOf) + committedCents,
          level: levelOf(used, allocatedCents, warning, critical),
        };
      });
    const sum = (key: 'spentCents' | 'pendingCents' | 'committedCents') =>
      categories.reduce((total, c) => total + c[key], 0);
    const totalCents = cents(row.total_cents);
    const spentCents = sum('spentCents');
    const pendingCents = sum('pendingCents');
    const committedCents = sum('committedCents');
    const forecastCents = pacedCents(spentCents, row.period_start, row.period_end, asOf) + committedCents;
    return {
      budgetId: row.id,
      clientId: row.client_id,
      clientName: row.client_name,
      periodType: row.period_type,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      totalCents,
      spentCents,
      pendingCents,
      committedCents,
      remainingCents: totalCents - spentCents - pendingCents,
      utilizationPct: percentOf(spentCents + pendingCents, totalCents),
      forecastCents,
      forecastPct: percentOf(forecastCents, totalCents),
      warningThresholdPct: warning,
      criticalThresholdPct: critical,
      level: levelOf(spentCents + pendingCents, totalCents, warning, critical),
      categories,
    };
  });

  const overThreshold = budgets.flatMap((b) =>
    [{ category: null as string | null, utilizationPct: b.utilizationPct, level: b.level }, ...b.categories]
      .filter((line) => line.level !== 'NONE')
      .map((line) => ({
        budgetId: b.budgetId,
        clientId: b.clientId,
        clientName: b.clientName,
        category: line.category,
        utilizationPct: line.utilizationPct,
        level: line.level,
      })),
  );
  const total = (key: 'totalCents' | 'spentCents' | 'committedCents' | 'forecastCents') =>
    budgets.reduce((sum, b) => sum + b[key], 0);
  return {
    asOf,
    clientId,
    budgets,
    overThreshold,
    totals: {
      totalCents: total('totalCents'),
      spentCents: total('spentCents'),
      committedCents: total('committedCents'),
      forecastCents: total('forecastCents'),
    },
  };
}

/** Dollars as a number; the column writes two decimals. */
const dollars = (cents: number) => cents / 100;

/** One line per budget (category "TOTAL") followed by its categories. */
export function budgetReportTable(report: BudgetReport): ReportTable {
  const line = (b: BudgetLine, category: string, figures: BudgetLine['categories'][number] | BudgetLine) => ({
    client: b.clientName,
    period: `${b.periodStart} to ${b.periodEnd}`,
    category,
    allocated: dollars('allocatedCents' in figures ? figures.allocatedCents : b.totalCents),
    spent: dollars(figures.spentCents),
    pending: dollars(figures.pendingCents),
    committed: dollars(figures.committedCents),
    remaining: dollars(figures.remainingCents),
    utilizationPct: figures.utilizationPct,
    forecast: dollars(figures.forecastCents),
    level: figures.level,
  });
  const money = (key: string, header: string) => ({ key, header, align: 'right' as const, decimals: 2 });
  return {
    title: 'Budget utilization',
    period: `Budgets active on ${report.asOf}`,
    columns: [
      { key: 'client', header: 'Client', weight: 1.6 },
      { key: 'period', header: 'Period', weight: 1.8 },
      { key: 'category', header: 'Category', weight: 1.6 },
      money('allocated', 'Allocated $'),
      money('spent', 'Spent $'),
      money('pending', 'Pending $'),
      money('committed', 'Committed $'),
      money('remaining', 'Remaining $'),
      { key: 'utilizationPct', header: 'Used %', align: 'right' },
      money('forecast', 'Forecast $'),
      { key: 'level', header: 'Level' },
    ],
    rows: report.budgets.flatMap((b) => [line(b, 'TOTAL', b), ...b.categories.map((c) => line(b, c.category, c))]),
    totals: {
      client: 'All budgets',
      allocated: dollars(report.totals.totalCents),
      spent: dollars(report.totals.spentCents),
      committed: dollars(report.totals.committedCents),
      forecast: dollars(report.totals.forecastCents),
    },
  };
}
