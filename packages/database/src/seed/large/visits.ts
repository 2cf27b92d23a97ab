import type pg from 'pg';

const MINUTE = "interval '1 minute'";

/**
 * Every occurrence of every client's weekly slots between two local dates, in one
 * INSERT … SELECT. Past occurrences are completed (some late or checked in off-site), cancelled
 * or no-shows; those under way are IN_PROGRESS; later ones are SCHEDULED in their series. All
 * per-visit randomness comes from pg_temp.rnd(visit key, salt), so a rerun produces the same data.
 */
export async function insertVisits(
  db: pg.ClientBase,
  from: string,
  to: string,
  now: Date,
  timeZone: string,
): Promise<number> {
  const r = (salt: number) => `pg_temp.rnd(key, ${salt})`;
  const result = await db.query(
    `with occurrences as (
       select s.client_n, s.j, s.series_id, s.duration, c.id client_id, c.plan_id, c.home_lat, c.home_lng, c.template, w.id worker_id, w.rate,
         (d + s.start_time) at time zone $4 scheduled_start,
         ((d + s.start_time) at time zone $4) + s.duration * ${MINUTE} scheduled_end,
         s.client_n::bigint * 1000000 + (d - date '2020-01-01') * 32 + s.j key
       from bench_slots s join bench_clients c on c.n = s.client_n join bench_workers w on w.n = c.worker_n,
         lateral generate_series($1::date + (s.dow - extract(isodow from $1::date)::int + 7) % 7, $2::date - 1, interval '7 days') g,
         lateral (select g::date d) dd
     ), rolled as (
       select o.*, t.codes, t.service_type,
         case when o.scheduled_start > $3 then 'SCHEDULED'
              when o.scheduled_end > $3 then 'IN_PROGRESS'
              when ${r(1)} < 0.04 then 'CANCELLED'
              when ${r(1)} < 0.06 then 'NO_SHOW'
              else 'COMPLETED' end status,
         o.scheduled_start + case when ${r(2)} < 0.1 then 16 + ${r(3)} * 30 else -8 + ${r(3)} * 17 end * ${MINUTE} check_in,
         case when ${r(4)} < 0.05 then 180 + ${r(5)} * 450 else 3 + ${r(5)} * 60 end distance,
         ${r(6)} * 2 * pi() bearing
       from occurrences o join bench_templates t using (template)
     )
     insert into visits (client_id, worker_id, care_plan_id, series_id, status, service_type, scheduled_start, scheduled_end,
       actual_start, actual_end, location_lat, location_lng, planned_activities, performed_activities, vitals, client_satisfaction,
       notes, check_in_at, check_in_lat, check_in_lng, check_in_accuracy_m, check_in_distance_m,
       check_out_at, check_out_lat, check_out_lng, check_out_accuracy_m, check_out_distance_m,
       billable_minutes, rate_cents, cost_cents, cancellation_reason, cancelled_at, missed_alerted_at, created_at, updated_at)
     select client_id, worker_id, plan_id, case when status = 'SCHEDULED' then series_id end, status, service_type,
       scheduled_start, scheduled_end,
       case when status in ('COMPLETED', 'IN_PROGRESS') then check_in end,
       case when status = 'COMPLETED' then check_in + (duration + ${r(7)} * 10 - 5) * ${MINUTE} end,
       home_lat, home_lng, to_jsonb(codes),
       case when status = 'COMPLETED' then (
         select jsonb_agg(jsonb_build_object('code', code, 'status',
           case when i = 1 and ${r(8)} < 0.05 then 'REFUSED' else 'DONE' end)) from unnest(codes) with ordinality u(code, i))
         else '[]'::jsonb end,
       case when status = 'COMPLETED' then jsonb_build_object('systolic', 110 + (${r(9)} * 45)::int, 'diastolic', 65 + (${r(10)} * 25)::int,
         'pulse', 58 + (${r(11)} * 35)::int) end,
       case when status = 'COMPLETED' then 3 + least(2, (${r(12)} * 3)::int) end,
       case when status = 'COMPLETED' then (array['Routine visit, no concerns.', 'Client in good spirits.', 'Tired today; rested after lunch.',
         'Walked to the mailbox together.'])[1 + (${r(13)} * 4)::int % 4] end,
       case when status in ('COMPLETED', 'IN_PROGRESS') then check_in end,
       case when status in ('COMPLETED', 'IN_PROGRESS') then home_lat + distance * cos(bearing) / 111320 end,
       case when status in ('COMPLETED', 'IN_PROGRESS') then home_lng + distance * sin(bearing) / (111320 * cos(radians(home_lat))) end,
       case when status in ('COMPLETED', 'IN_PROGRESS') then 5 + round(${r(14)} * 20) end,
       case when status in ('COMPLETED', 'IN_PROGRESS') then round(distance::numeric, 1)::float8 end,
       case when status = 'COMPLETED' then check_in + (duration + ${r(7)} * 10 - 5) * ${MINUTE} end,
       case when status = 'COMPLETED' then home_lat + 0.0002 end,
       case when status = 'COMPLETED' then home_lng end,
       case when status = 'COMPLETED' then 8 end,
       case when status = 'COMPLETED' then 22.2 end,
       case when status = 'COMPLETED' then duration + round(${r(7)} * 10 - 5)::int end,
       rate,
       case when status = 'COMPLETED' then round((duration + round(${r(7)} * 10 - 5)) * rate / 60.0)::int end,
       case when status = 'CANCELLED' then 'Client asked to skip this visit' when status = 'NO_SHOW' then 'Client not at home' end,
       case when status = 'CANCELLED' then scheduled_start - interval '1 day' end,
       case when status = 'NO_SHOW' then scheduled_start + 16 * ${MINUTE} end,
       least(scheduled_start - interval '7 days', $3::timestamptz), least(scheduled_end, $3::timestamptz)
     from rolled`,
    [from, to, now.toISOString(), timeZone],
  );
  return result.rowCount ?? 0;
}

/** EVV exceptions read off the generated visits (late, off-site, missed), older ones resolved by the client's supervisor. */
export async function insertExceptions(db: pg.ClientBase, now: Date): Promise<void> {
  const resolved = `v.scheduled_end < $1::timestamptz - interval '3 days' and get_byte(uuid_send(v.id), 0) < 205`;
  const resolution = (codes: string[]) =>
    `case when ${resolved} then 'RESOLVED' else 'OPEN' end,
     case when ${resolved} then (array[${codes.map((c) => `'${c}'`).join(',')}])[1 + get_byte(uuid_send(v.id), 1) % ${codes.length}] end,
     case when ${resolved} then u.supervisor_id end,
     case when ${resolved} then v.scheduled_end + interval '1 day' end`;
  await db.query(
    `insert into evv_exceptions (visit_id, type, detail, status, reason_code, resolved_by, resolved_at, created_at)
       select v.id, 'LATE_CHECKIN',
         jsonb_build_object('minutesLate', round(extract(epoch from v.check_in_at - v.scheduled_start) / 60), 'toleranceMinutes', 15),
         ${resolution(['WORKER_LATE_TRAFFIC', 'CLIENT_REQUESTED_TIME_CHANGE'])}, v.check_in_at
       from visits v join users u on u.id = v.client_id join bench_clients b on b.id = v.client_id
       where v.check_in_at > v.scheduled_start + interval '15 minutes'
       union all
       select v.id, 'CHECKIN_OUTSIDE_GEOFENCE',
         jsonb_build_object('distanceM', v.check_in_distance_m, 'geofenceMeters', 150, 'accuracyM', v.check_in_accuracy_m),
         ${resolution(['GPS_INACCURATE', 'SERVICE_IN_COMMUNITY'])}, v.check_in_at
       from visits v join users u on u.id = v.client_id join bench_clients b on b.id = v.client_id
       where v.check_in_distance_m > 150
       union all
       select v.id, 'MISSED_CHECKIN', jsonb_build_object('toleranceMinutes', 15),
         ${resolution(['CLIENT_UNAVAILABLE'])}, v.missed_alerted_at
       from visits v join users u on u.id = v.client_id join bench_clients b on b.id = v.client_id
       where v.status = 'NO_SHOW'`,
    [now.toISOString()],
  );
}

/** The eMAR: each completed visit's due scheduled dose (local time inside the visit), a few refused. */
export async function insertDoses(db: pg.ClientBase, timeZone: string): Promise<void> {
  await db.query(
    `insert into medication_administrations (visit_id, medication_id, scheduled_for, outcome, reason, dose_given, recorded_at, recorded_by)
       select v.id, m.id, due.at,
         case when get_byte(uuid_send(v.id), 2) < 10 then 'REFUSED' when get_byte(uuid_send(v.id), 2) < 13 then 'NOT_GIVEN' else 'GIVEN' end,
         case when get_byte(uuid_send(v.id), 2) < 10 then 'Client refused' when get_byte(uuid_send(v.id), 2) < 13 then 'Medication not in the home' end,
         case when get_byte(uuid_send(v.id), 2) >= 13 then m.dose end,
         greatest(due.at, v.check_in_at), v.worker_id
       from visits v join bench_clients b on b.id = v.client_id
         join care_plan_medications m on m.care_plan_id = v.care_plan_id and not m.prn,
         lateral (select ((v.scheduled_start at time zone $1)::date + m.times[1]::time) at time zone $1 at) due
       where v.status = 'COMPLETED' and due.at >= v.scheduled_start and due.at < v.scheduled_end`,
    [timeZone],
  );
}
