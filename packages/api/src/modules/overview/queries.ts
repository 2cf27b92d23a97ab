import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { and, gte, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { overThresholdCondition, visibleBudgetsCondition } from '../budgets/queries';
import { visibleCarePlansCondition } from '../careplans/access';
import { visibleAlertsCondition } from '../emergencies/access';
import { visibleVisitsCondition } from '../visits/access';
import { attentionCondition } from '../visits/office-queries';

const {
  visits,
  evvExceptions,
  medicationAdministrations,
  emergencyAlerts,
  budgets,
  budgetAllocations,
  carePlans,
  expenses,
} = schema;

export interface OverviewWindow {
  now: Date;
  /** Today in the agency's zone: [dayStart, dayEnd), and its date. */
  dayStart: Date;
  dayEnd: Date;
  today: string;
  toleranceMinutes: number;
  reviewDueDays: number;
}

export interface OverviewCounts {
  total: number;
  upcoming: number;
  in_progress: number;
  late: number;
  missed: number;
  completed: number;
  cancelled: number;
  dose_visits: number;
  refused: number;
  not_given: number;
  open_exceptions: number;
  exception_visits: number;
  alerts_open: number;
  alerts_acknowledged: number;
  budgets_over: number;
  budgets_critical: number;
  reviews_overdue: number;
  reviews_due: number;
  pending_expenses: number;
  pending_budgets: number;
  pending_cents: string;
}

const orTrue = (condition: SQL | undefined) => condition ?? sql`true`;

/**
 * Every count of the office overview in one statement. Each part is entered through an index:
 * today's visits through `visits_start_idx` (a range of one day), open EVV exceptions through
 * `evv_exceptions_open_idx`, open alerts through `emergency_alerts_open_idx`, budgets over a
 * threshold through `budgets_alert_idx` and `budget_allocations_alert_idx`, reviews through
 * `care_plans_review_idx` and pending expenses through `expenses_pending_idx`; none reads a whole table.
 */
export function overviewCountsSql(actor: Actor, w: OverviewWindow): SQL {
  const seeVisits = orTrue(visibleVisitsCondition(actor));
  const seeBudgets = orTrue(visibleBudgetsCondition(actor));
  const today = and(
    isNull(visits.deletedAt),
    gte(visits.scheduledStart, w.dayStart),
    lt(visits.scheduledStart, w.dayEnd),
    seeVisits,
  );
  const attention = (state: 'UPCOMING' | 'LATE' | 'MISSED') => attentionCondition(state, w.now, w.toleranceMinutes);
  const dueBy = sql`(${w.today}::date + ${w.reviewDueDays}::int)`;
  // Active budgets the caller may see whose period covers today.
  const coversToday = sql`${budgets.status} = 'ACTIVE' and ${budgets.deletedAt} is null
    and ${budgets.periodEnd} >= ${w.today} and ${budgets.periodStart} <= ${w.today} and ${seeBudgets}`;
  return sql`
    with day_visits as (
      select count(*) filter (where ${visits.status} <> 'RESCHEDULED')::int as total,
        count(*) filter (where ${attention('UPCOMING')})::int as upcoming,
        count(*) filter (where ${visits.status} = 'IN_PROGRESS')::int as in_progress,
        count(*) filter (where ${attention('LATE')})::int as late,
        count(*) filter (where ${attention('MISSED')})::int as missed,
        count(*) filter (where ${visits.status} = 'COMPLETED')::int as completed,
        count(*) filter (where ${visits.status} = 'CANCELLED')::int as cancelled
      from ${visits} where ${today}
    ), doses as (
      select count(distinct m.visit_id)::int as dose_visits,
        count(*) filter (where m.outcome = 'REFUSED')::int as refused,
        count(*) filter (where m.outcome = 'NOT_GIVEN')::int as not_given
      from ${visits} join ${medicationAdministrations} m on m.visit_id = ${visits.id}
        and m.deleted_at is null and m.outcome in ('REFUSED', 'NOT_GIVEN')
      where ${today}
    ), exceptions as (
      select count(*)::int as open_exceptions, count(distinct ${evvExceptions.visitId})::int as exception_visits
      from ${evvExceptions} join ${visits} on ${visits.id} = ${evvExceptions.visitId}
      where ${evvExceptions.status} = 'OPEN' and ${evvExceptions.deletedAt} is null
        and ${visits.deletedAt} is null and ${seeVisits}
    ), alerts as (
      select count(*) filter (where ${emergencyAlerts.status} = 'OPEN')::int as alerts_open,
        count(*) filter (where ${emergencyAlerts.status} = 'ACKNOWLEDGED')::int as alerts_acknowledged
      from ${emergencyAlerts}
      where ${emergencyAlerts.status} in ('OPEN', 'ACKNOWLEDGED') and ${emergencyAlerts.deletedAt} is null
        and ${orTrue(visibleAlertsCondition(actor))}
    ), flagged_budgets as (
      select ${budgets.id} as id from ${budgets}
      where ${coversToday} and ${budgets.alertLevel} <> 'NONE'
      union
      select ${budgets.id} from ${budgetAllocations} a join ${budgets} on ${budgets.id} = a.budget_id
      where a.alert_level <> 'NONE' and a.deleted_at is null and ${coversToday}
    ), over_threshold as (
      select count(*)::int as budgets_over,
        count(*) filter (where ${overThresholdCondition('CRITICAL')})::int as budgets_critical
      from flagged_budgets f join ${budgets} on ${budgets.id} = f.id
    ), reviews as (
      select count(*) filter (where ${carePlans.nextReviewOn} < ${w.today})::int as reviews_overdue,
        count(*)::int as reviews_due
      from ${carePlans}
      where ${carePlans.status} in ('ACTIVE', 'ON_HOLD') and ${carePlans.deletedAt} is null
        and ${carePlans.nextReviewOn} <= ${dueBy} and ${orTrue(visibleCarePlansCondition(actor))}
    ), pending as (
      select count(*)::int as pending_expenses, count(distinct ${expenses.budgetId})::int as pending_budgets,
        coalesce(sum(${expenses.amountCents}), 0)::text as pending_cents
      from ${expenses} join ${budgets} on ${budgets.id} = ${expenses.budgetId}
      where ${expenses.status} = 'PENDING' and ${expenses.deletedAt} is null and ${budgets.deletedAt} is null
        and ${seeBudgets}
    )
    select * from day_visits, doses, exceptions, alerts, over_threshold, reviews, pending`;
}

export async function overviewCounts(
  executor: Executor,
  actor: Actor,
  window: OverviewWindow,
): Promise<OverviewCounts> {
  const result = (await executor.execute(overviewCountsSql(actor, window))) as unknown as { rows: OverviewCounts[] };
  const [row] = result.rows;
  if (!row) throw new Error('overview counts returned no row');
  return row;
}
