import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { TimesheetQuery, TimesheetReport } from '@caretracker/shared';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { ReportTable } from './documents';
import type { ReportFilters } from './scope';
import { periodBounds, type Zoned } from './visit-report';

const { visits, users } = schema;

interface TimesheetRow {
  worker_id: string;
  worker_name: string;
  day: string;
  week_start: string;
  visits: number;
  minutes: number;
}

const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/**
 * Worker hours for payroll: completed visits by the local date of their actual start, each worth
 * its actual minutes rounded to the minute (the same rounding as billable minutes at check-out).
 */
export async function buildTimesheets(
  db: Executor,
  query: Zoned<TimesheetQuery>,
  filters: ReportFilters,
  visible: SQL | undefined,
): Promise<TimesheetReport> {
  const { start, end } = periodBounds(query.from, query.to, query.timeZone);
  const local = sql`(${visits.actualStart} at time zone ${query.timeZone})`;
  const result = (await db.execute(sql`
    select ${visits.workerId} as worker_id, ${users.firstName} || ' ' || ${users.lastName} as worker_name,
      to_char(${local}, 'YYYY-MM-DD') as day,
      to_char(date_trunc('week', ${local}), 'YYYY-MM-DD') as week_start,
      count(*)::int as visits,
      sum(round(extract(epoch from ${visits.actualEnd} - ${visits.actualStart}) / 60))::int as minutes
    from ${visits} join ${users} on ${users.id} = ${visits.workerId}
    where ${and(
      isNull(visits.deletedAt),
      eq(visits.status, 'COMPLETED'),
      sql`${visits.actualStart} is not null and ${visits.actualEnd} is not null`,
      sql`${visits.actualStart} >= ${start} and ${visits.actualStart} < ${end}`,
      filters.workerId ? eq(visits.workerId, filters.workerId) : undefined,
      visible,
    )}
    group by 1, 2, 3, 4 order by 2, 1, 3`)) as unknown as { rows: TimesheetRow[] };

  const workers = new Map<string, TimesheetReport['workers'][number]>();
  for (const row of result.rows) {
    let worker = workers.get(row.worker_id);
    if (!worker) {
      worker = {
        workerId: row.worker_id,
        workerName: row.worker_name,
        days: [],
        weeks: [],
        totalVisits: 0,
        totalMinutes: 0,
        totalHours: 0,
      };
      workers.set(row.worker_id, worker);
    }
    worker.days.push({ date: row.day, visits: row.visits, minutes: row.minutes, hours: hoursOf(row.minutes) });
    const week = worker.weeks.find((w) => w.weekStart === row.week_start);
    if (week) {
      week.visits += row.visits;
      week.minutes += row.minutes;
      week.hours = hoursOf(week.minutes);
    } else {
      worker.weeks.push({
        weekStart: row.week_start,
        visits: row.visits,
        minutes: row.minutes,
        hours: hoursOf(row.minutes),
      });
    }
    worker.totalVisits += row.visits;
    worker.totalMinutes += row.minutes;
    worker.totalHours = hoursOf(worker.totalMinutes);
  }
  const list = [...workers.values()];
  const minutes = list.reduce((sum, w) => sum + w.totalMinutes, 0);
  return {
    from: query.from,
    to: query.to,
    timeZone: query.timeZone,
    workerId: filters.workerId,
    workers: list,
    totals: { visits: list.reduce((sum, w) => sum + w.totalVisits, 0), minutes, hours: hoursOf(minutes) },
  };
}

/** One line per worker and day, then each worker's week subtotals. */
export function timesheetTable(report: TimesheetReport): ReportTable {
  const rows = report.workers.flatMap((worker) => [
    ...worker.days.map((day) => ({
      worker: worker.workerName,
      workerId: worker.workerId,
      date: day.date,
      week: '',
      visits: day.visits,
      minutes: day.minutes,
      hours: day.hours,
    })),
    ...worker.weeks.map((week) => ({
      worker: worker.workerName,
      workerId: worker.workerId,
      date: '',
      week: `Week of ${week.weekStart}`,
      visits: week.visits,
      minutes: week.minutes,
      hours: week.hours,
    })),
  ]);
  return {
    title: 'Timesheets',
    period: `${report.from} to ${report.to} (${report.timeZone})`,
    columns: [
      { key: 'worker', header: 'Worker', weight: 2 },
      { key: 'workerId', header: 'Worker ID', weight: 3 },
      { key: 'date', header: 'Date', weight: 1.2 },
      { key: 'week', header: 'Week', weight: 1.8 },
      { key: 'visits', header: 'Visits', align: 'right' },
      { key: 'minutes', header: 'Minutes', align: 'right' },
      { key: 'hours', header: 'Hours', align: 'right', decimals: 2 },
    ],
    rows,
    totals: {
      worker: 'Total',
      visits: report.totals.visits,
      minutes: report.totals.minutes,
      hours: report.totals.hours,
    },
  };
}
