import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import {
  EVV_EXCEPTION_TYPES,
  type EvvExceptionType,
  VISIT_STATUSES,
  type VisitFigures,
  type VisitReport,
  type VisitReportQuery,
  type VisitStatus,
} from '@caretracker/shared';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { ReportTable } from './documents';
import type { ReportFilters } from './scope';

const { visits } = schema;

/** A cancellation less than this long before the scheduled start counts against completion. */
export const LATE_CANCELLATION_HOURS = 24;

/** A report query with its time zone settled (the caller's, else the agency's). */
export type Zoned<Q> = Q & { timeZone: string };

/** The instants a date range covers in a zone: [from 00:00, day after `to` 00:00). */
export function periodBounds(from: string, to: string, timeZone: string) {
  return {
    start: sql`((${from}::date)::timestamp at time zone ${timeZone})`,
    end: sql`(((${to}::date) + 1)::timestamp at time zone ${timeZone})`,
  };
}

interface VisitGroupRow {
  period: string;
  status: VisitStatus;
  visits: number;
  cancelled_late: number;
  checked_in: number;
  on_time: number;
  timed: number;
  timed_seconds: number;
}
/** An EVV exception (`type`) or, when `type` is null, a refused dose, counted per period. */
interface EventGroupRow {
  period: string;
  type: string | null;
  count: number;
}

/** Visit figures per group and for the whole period, from the visits the condition lets through. */
export async function buildVisitReport(
  db: Executor,
  query: Zoned<VisitReportQuery>,
  filters: ReportFilters,
  visible: SQL | undefined,
  toleranceMinutes: number,
): Promise<VisitReport> {
  const { start, end } = periodBounds(query.from, query.to, query.timeZone);
  // Grouped by the period's start (a timestamp) and formatted once per group, not once per visit.
  const periodStart = sql`date_trunc(${query.groupBy}, ${visits.scheduledStart} at time zone ${query.timeZone})`;
  const where = and(
    isNull(visits.deletedAt),
    sql`${visits.scheduledStart} >= ${start} and ${visits.scheduledStart} < ${end}`,
    filters.clientId ? eq(visits.clientId, filters.clientId) : undefined,
    filters.workerId ? eq(visits.workerId, filters.workerId) : undefined,
    visible,
  );
  // Every column it reads is in `visits_start_idx`: an index-only scan of the period's visits.
  const groupedQuery = db.execute(sql`
    select to_char(period_start, 'YYYY-MM-DD') as period, status, visits, cancelled_late, checked_in, on_time,
      timed, timed_seconds
    from (select ${periodStart} as period_start, ${visits.status} as status, count(*)::int as visits,
      count(*) filter (where ${visits.status} = 'CANCELLED'
        and ${visits.cancelledAt} > ${visits.scheduledStart} - make_interval(hours => ${LATE_CANCELLATION_HOURS}))::int as cancelled_late,
      count(${visits.checkInAt})::int as checked_in,
      count(*) filter (where abs(extract(epoch from ${visits.checkInAt} - ${visits.scheduledStart})) <= ${toleranceMinutes * 60})::int as on_time,
      count(*) filter (where ${visits.status} = 'COMPLETED' and ${visits.actualStart} is not null and ${visits.actualEnd} is not null)::int as timed,
      coalesce(sum(extract(epoch from ${visits.actualEnd} - ${visits.actualStart}))
        filter (where ${visits.status} = 'COMPLETED'), 0)::float8 as timed_seconds
    from ${visits} where ${where} group by 1, 2) grouped`);
  // The exceptions and the refused doses in one join: the period's visits are read once (into a
  // hash) for both, rather than once each. Refused doses have an index of their own.
  const eventsQuery = db.execute(sql`
    select to_char(period_start, 'YYYY-MM-DD') as period, type, count
    from (select ${periodStart} as period_start, event.type, count(*)::int as count
      from ${visits} join (
        select e.visit_id, e.type from evv_exceptions e where e.deleted_at is null
        union all
        select m.visit_id, null from medication_administrations m where m.outcome = 'REFUSED' and m.deleted_at is null
      ) event on event.visit_id = ${visits.id}
      where ${where} group by 1, 2) grouped`);
  const [groupedResult, eventsResult] = await Promise.all([groupedQuery, eventsQuery]);
  const grouped = groupedResult as unknown as { rows: VisitGroupRow[] };
  const events = eventsResult as unknown as { rows: EventGroupRow[] };

  const groups = new Map<string, Accumulator>();
  const total = emptyAccumulator();
  const groupOf = (key: string) => {
    const found = groups.get(key) ?? emptyAccumulator();
    groups.set(key, found);
    return found;
  };
  for (const row of grouped.rows) {
    for (const into of [groupOf(row.period), total]) addVisits(into, row);
  }
  for (const row of events.rows) {
    for (const into of [groupOf(row.period), total]) {
      if (row.type === null) into.refusedDoses += row.count;
      else {
        if ((EVV_EXCEPTION_TYPES as readonly string[]).includes(row.type)) {
          into.exceptions[row.type as EvvExceptionType] += row.count;
        }
        into.exceptionsTotal += row.count;
      }
    }
  }
  return {
    from: query.from,
    to: query.to,
    timeZone: query.timeZone,
    groupBy: query.groupBy,
    clientId: filters.clientId,
    workerId: filters.workerId,
    toleranceMinutes,
    groups: [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, acc]) => ({ period: key, ...figuresOf(acc) })),
    total: figuresOf(total),
  };
}

interface Accumulator {
  byStatus: Record<VisitStatus, number>;
  visits: number;
  cancelledLate: number;
  checkedIn: number;
  onTime: number;
  timed: number;
  timedSeconds: number;
  refusedDoses: number;
  exceptions: Record<EvvExceptionType, number>;
  exceptionsTotal: number;
}

function emptyAccumulator(): Accumulator {
  return {
    byStatus: Object.fromEntries(VISIT_STATUSES.map((s) => [s, 0])) as Record<VisitStatus, number>,
    visits: 0,
    cancelledLate: 0,
    checkedIn: 0,
    onTime: 0,
    timed: 0,
    timedSeconds: 0,
    refusedDoses: 0,
    exceptions: Object.fromEntries(EVV_EXCEPTION_TYPES.map((t) => [t, 0])) as Record<EvvExceptionType, number>,
    exceptionsTotal: 0,
  };
}

function addVisits(into: Accumulator, row: VisitGroupRow) {
  into.byStatus[row.status] += row.visits;
  into.visits += row.visits;
  into.cancelledLate += row.cancelled_late;
  into.checkedIn += row.checked_in;
  into.onTime += row.on_time;
  into.timed += row.timed;
  into.timedSeconds += row.timed_seconds;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

function figuresOf(acc: Accumulator): VisitFigures {
  const completed = acc.byStatus.COMPLETED;
  return {
    visits: acc.visits,
    byStatus: acc.byStatus,
    cancelledLate: acc.cancelledLate,
    completionRate: ratio(completed, completed + acc.byStatus.NO_SHOW + acc.cancelledLate),
    checkedIn: acc.checkedIn,
    onTime: acc.onTime,
    onTimeRate: ratio(acc.onTime, acc.checkedIn),
    averageActualMinutes: acc.timed === 0 ? null : Math.round((acc.timedSeconds / 60 / acc.timed) * 10) / 10,
    evvExceptions: { total: acc.exceptionsTotal, byType: acc.exceptions },
    refusedDoses: acc.refusedDoses,
  };
}

const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);

function tableRow(label: string, f: VisitFigures) {
  return {
    period: label,
    visits: f.visits,
    completed: f.byStatus.COMPLETED,
    scheduled: f.byStatus.SCHEDULED + f.byStatus.CONFIRMED + f.byStatus.IN_PROGRESS,
    cancelled: f.byStatus.CANCELLED,
    cancelledLate: f.cancelledLate,
    noShow: f.byStatus.NO_SHOW,
    rescheduled: f.byStatus.RESCHEDULED,
    completionPct: percent(f.completionRate),
    onTimePct: percent(f.onTimeRate),
    averageMinutes: f.averageActualMinutes,
    evvExceptions: f.evvExceptions.total,
    refusedDoses: f.refusedDoses,
  };
}

export function visitReportTable(report: VisitReport): ReportTable {
  const number = (key: string, header: string) => ({ key, header, align: 'right' as const });
  return {
    title: 'Visit report',
    period: `${report.from} to ${report.to} (${report.timeZone}), by ${report.groupBy}`,
    columns: [
      { key: 'period', header: 'Period', weight: 1.4 },
      number('visits', 'Visits'),
      number('completed', 'Completed'),
      number('scheduled', 'Open'),
      number('cancelled', 'Cancelled'),
      number('cancelledLate', 'Late cancel'),
      number('noShow', 'No-show'),
      number('rescheduled', 'Rescheduled'),
      number('completionPct', 'Completion %'),
      number('onTimePct', 'On time %'),
      number('averageMinutes', 'Avg minutes'),
      number('evvExceptions', 'EVV exceptions'),
      number('refusedDoses', 'Refused doses'),
    ],
    rows: report.groups.map((group) => tableRow(group.period, group)),
    totals: tableRow('Total', report.total),
  };
}
