import { sql } from 'drizzle-orm';
import type { Transaction } from '../client';
import { DEMO_TIME_ZONE } from './demo-people';
import { addDays } from './random';

/** Each demo client's monthly allocation, in cents: 4,000.00, of which 3,500.00 is allocated to categories. */
const ALLOCATIONS = [
  ['PERSONAL_CARE', 300_000],
  ['MEDICAL_SERVICES', 25_000],
  ['TRANSPORTATION', 15_000],
  ['EMERGENCY_FUND', 10_000],
] as const;
const TOTAL_CENTS = 400_000;

export interface BudgetCounts {
  budgets: number;
  expenses: number;
}

/**
 * A monthly budget per demo client for the past month and the current one (the seeded visits
 * reach a month back, so on the first days of a month the completed visits fall in the past
 * month's budget), with category allocations, and an APPROVED expense for each completed visit
 * at its recorded cost (personal care, or medical services for skilled nursing), as check-out
 * records them.
 */
export async function seedBudgets(tx: Transaction, today: string): Promise<BudgetCounts> {
  const currentStart = `${today.slice(0, 8)}01`;
  const pastStart = `${addDays(currentStart, -1).slice(0, 8)}01`;
  let budgets = 0;
  for (const periodStart of [pastStart, currentStart]) budgets += await seedMonth(tx, periodStart);
  const expenses = await tx.execute(sql`
    insert into expenses (budget_id, category, amount_cents, description, incurred_on, status, visit_id, created_by)
    select b.id,
      case when v.service_type = 'SKILLED_NURSING' then 'MEDICAL_SERVICES' else 'PERSONAL_CARE' end,
      v.cost_cents,
      'Visit on ' || (v.scheduled_start at time zone ${DEMO_TIME_ZONE})::date,
      (v.scheduled_start at time zone ${DEMO_TIME_ZONE})::date, 'APPROVED', v.id, v.worker_id
    from visits v join budgets b on b.client_id = v.client_id
      and (v.scheduled_start at time zone ${DEMO_TIME_ZONE})::date between b.period_start and b.period_end
    where v.status = 'COMPLETED' and v.cost_cents > 0 and v.deleted_at is null
    returning id`);
  return { budgets, expenses: rowCount(expenses) };
}

/** One month's budget per client, starting on `periodStart` (a first of the month). */
async function seedMonth(tx: Transaction, periodStart: string): Promise<number> {
  const periodEnd = addDays(`${addDays(periodStart, 32).slice(0, 8)}01`, -1);
  const budgets = await tx.execute(sql`
    insert into budgets (client_id, period_type, period_start, period_end, total_cents, funding_source,
      authorization_number, authorization_expires_on, approval_limit_cents)
    select u.id, 'MONTHLY', ${periodStart}::date, ${periodEnd}::date, ${TOTAL_CENTS}, 'Medicaid HCBS waiver',
      'AUTH-' || upper(substr(md5(u.email), 1, 8)), ${periodEnd}::date + 365, 50000
    from users u where u.role = 'CLIENT' and u.deleted_at is null
    returning id`);
  for (const [category, cents] of ALLOCATIONS) {
    await tx.execute(sql`
      insert into budget_allocations (budget_id, category, amount_cents)
      select b.id, ${category}, ${cents} from budgets b where b.period_start = ${periodStart}::date`);
  }
  return rowCount(budgets);
}

const rowCount = (result: unknown) => (result as { rows?: unknown[] }).rows?.length ?? 0;
