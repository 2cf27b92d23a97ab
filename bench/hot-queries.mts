// The SQL behind each read scenario, as the baseline runs it and as EXPLAIN reads it: the same
// statements the API's query code sends (columns, joins, filters, order), with no session lookup,
// access rules, validation or audit row around them.

export interface HotQuery {
  text: string;
  values: unknown[];
  /** Aggregates read many rows to return few by design: the rows-read check does not apply. */
  aggregate?: boolean;
}

const VISIT_COLUMNS = `v.id, v.client_id, v.worker_id, v.care_plan_id, v.series_id, v.service_type, v.status,
  v.scheduled_start, v.scheduled_end, v.actual_start, v.actual_end, v.check_in_at, v.check_out_at,
  v.location, v.notes, v.planned_activities, v.version, v.updated_at`;

/** GET /visits?dateFrom&dateTo for a worker: their visits overlapping the day (no visit lasts over 24 h). */
export function workerDay(workerId: string, from: Date, to: Date): HotQuery {
  return {
    text: `select ${VISIT_COLUMNS}, c.first_name as client_first, c.last_name as client_last,
        w.first_name as worker_first, w.last_name as worker_last
      from visits v join users c on c.id = v.client_id left join users w on w.id = v.worker_id
      where v.deleted_at is null and v.worker_id = $1 and v.scheduled_end > $2 and v.scheduled_start > $3
        and v.scheduled_start < $4
      order by v.scheduled_start, v.id limit 100`,
    values: [workerId, from, new Date(from.getTime() - 86_400_000), to],
  };
}

/**
 * GET /visits?dateFrom&dateTo&limit=100 for a client (the portal's past visits: 90 days back to a
 * day ahead): their visits overlapping the range, with the names and whether the worker has a photo.
 */
export function clientHistory(clientId: string, from: Date, to: Date): HotQuery {
  return {
    text: `select ${VISIT_COLUMNS}, c.first_name as client_first, c.last_name as client_last,
        w.first_name as worker_first, w.last_name as worker_last, (p.photo_file_id is not null) as worker_has_photo
      from visits v join users c on c.id = v.client_id left join users w on w.id = v.worker_id
        left join profiles p on p.user_id = v.worker_id
      where v.deleted_at is null and v.client_id = $1 and v.scheduled_end > $2 and v.scheduled_start > $3
        and v.scheduled_start < $4
      order by v.scheduled_start, v.id limit 100`,
    values: [clientId, from, new Date(from.getTime() - 86_400_000), to],
  };
}

/** GET /visits/:id for its worker: the visit with its names, exceptions, doses and amendments in one statement. */
export function visitDetail(visitId: string, workerId: string): HotQuery {
  return {
    text: `select ${VISIT_COLUMNS}, c.first_name as client_first, c.last_name as client_last,
        w.first_name as worker_first, w.last_name as worker_last,
        (select coalesce(json_agg(e order by e.created_at), '[]') from evv_exceptions e
          where e.visit_id = v.id and e.deleted_at is null) as exceptions,
        (select coalesce(json_agg(json_build_object('m', m, 'name', p.name, 'dose', p.dose) order by m.recorded_at), '[]')
          from medication_administrations m join care_plan_medications p on p.id = m.medication_id
          where m.visit_id = v.id and m.deleted_at is null) as doses,
        (select coalesce(json_agg(a order by a.changed_at, a.field), '[]') from visit_amendments a
          where a.visit_id = v.id) as amendments
      from visits v join users c on c.id = v.client_id left join users w on w.id = v.worker_id
      where v.id = $1 and v.deleted_at is null and v.worker_id = $2`,
    values: [visitId, workerId],
  };
}

/** GET /office/visits?from&to (admin, a page of 50 in start order) with its per-row counts. */
export function officePage(from: Date, to: Date): HotQuery {
  return {
    text: `select v.id, v.status, v.service_type, v.scheduled_start, v.scheduled_end, v.actual_start, v.actual_end,
        v.check_in_at, v.check_in_distance_m, v.series_id, v.worker_id, v.review_outcome, v.follow_up_required,
        v.no_show_reason, v.version, c.id, c.first_name, c.last_name, w.id, w.first_name, w.last_name,
        (select count(*)::int from evv_exceptions e where e.visit_id = v.id and e.deleted_at is null and e.status = 'OPEN'),
        (select count(*)::int from evv_exceptions e where e.visit_id = v.id and e.deleted_at is null),
        (select count(*)::int from medication_administrations m where m.visit_id = v.id and m.deleted_at is null
          and m.outcome in ('REFUSED', 'NOT_GIVEN'))
      from visits v join users c on c.id = v.client_id left join users w on w.id = v.worker_id
      where v.deleted_at is null and v.scheduled_start >= $1 and v.scheduled_start < $2
      order by v.scheduled_start, v.id limit 51`,
    values: [from, to],
  };
}

/** The office list's bounded count (stops at 1,000). */
export function officeCount(from: Date, to: Date): HotQuery {
  return {
    text: `select count(*)::int from (select 1 from visits v where v.deleted_at is null
      and v.scheduled_start >= $1 and v.scheduled_start < $2 limit 1001) matching`,
    values: [from, to],
  };
}

/** GET /reports/visits for a month by day (admin): the two grouped statements the API runs. */
export function monthReport(from: Date, to: Date, timeZone: string): HotQuery[] {
  const period = `date_trunc('day', v.scheduled_start at time zone $3)`;
  const where = 'v.deleted_at is null and v.scheduled_start >= $1 and v.scheduled_start < $2';
  return [
    {
      aggregate: true,
      text: `select to_char(period_start, 'YYYY-MM-DD') as period, status, visits, cancelled_late, checked_in, on_time,
        timed, timed_seconds
      from (select ${period} as period_start, v.status, count(*)::int as visits,
        count(*) filter (where v.status = 'CANCELLED' and v.cancelled_at > v.scheduled_start - interval '24 hours')::int as cancelled_late,
        count(v.check_in_at)::int as checked_in,
        count(*) filter (where abs(extract(epoch from v.check_in_at - v.scheduled_start)) <= 900)::int as on_time,
        count(*) filter (where v.status = 'COMPLETED' and v.actual_start is not null and v.actual_end is not null)::int as timed,
        coalesce(sum(extract(epoch from v.actual_end - v.actual_start)) filter (where v.status = 'COMPLETED'), 0)::float8 as timed_seconds
      from visits v where ${where} group by 1, 2) grouped`,
      values: [from, to, timeZone],
    },
    {
      aggregate: true,
      text: `select to_char(period_start, 'YYYY-MM-DD') as period, type, count
      from (select ${period} as period_start, event.type, count(*)::int as count
        from visits v join (
          select e.visit_id, e.type from evv_exceptions e where e.deleted_at is null
          union all
          select m.visit_id, null from medication_administrations m where m.outcome = 'REFUSED' and m.deleted_at is null
        ) event on event.visit_id = v.id
        where ${where} group by 1, 2) grouped`,
      values: [from, to, timeZone],
    },
  ];
}
