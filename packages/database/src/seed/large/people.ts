import type pg from 'pg';

/** The agency's shape: who exists and how clients map onto workers' weekly slots. */
export interface AgencyShape {
  clients: number;
  workers: number;
  supervisors: number;
  visitsPerWeek: number;
  passwordHash: string;
  /** The bench admin's TOTP secret as stored: sealed with the installation's data encryption key. */
  mfaSecret: string;
  timeZone: string;
}

const FIRST = [
  'Ava',
  'Ben',
  'Chloe',
  'Dev',
  'Elena',
  'Finn',
  'Grace',
  'Hugo',
  'Iris',
  'Jon',
  'Kara',
  'Leo',
  'Mia',
  'Noah',
  'Olga',
  'Paul',
  'Quinn',
  'Rosa',
  'Sam',
  'Tara',
  'Uma',
  'Victor',
  'Wen',
  'Yara',
  'Zane',
];
const LAST = [
  'Adams',
  'Baker',
  'Chen',
  'Diaz',
  'Evans',
  'Fischer',
  'Garcia',
  'Hall',
  'Ito',
  'Jones',
  'Khan',
  'Lopez',
  'Moreau',
  'Nguyen',
  'Olsen',
  'Patel',
  'Quist',
  'Reyes',
  'Singh',
  'Tanaka',
  'Usman',
  'Vogel',
  'Wright',
  'Young',
];
const STREETS = [
  'SE Division St',
  'NE Alberta St',
  'N Lombard St',
  'SE Hawthorne Blvd',
  'NE Sandy Blvd',
  'SW Capitol Hwy',
  'SE Foster Rd',
  'NW 23rd Ave',
];

/** Portland-area coordinates (lat 45.43–45.60, lng -122.80 – -122.50) from the row number. */
const lat = (n: string) => `round((45.43 + 0.17 * pg_temp.rnd(${n}, 11))::numeric, 6)::float8`;
const lng = (n: string) => `round((-122.80 + 0.30 * pg_temp.rnd(${n}, 12))::numeric, 6)::float8`;
const arr = (items: string[]) => `array[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]`;
const name = (n: string) =>
  `(${arr(FIRST)})[1 + (${n}) % ${FIRST.length}], (${arr(LAST)})[1 + ((${n}) / ${FIRST.length}) % ${LAST.length}]`;

/**
 * Numbered staging tables (bench_supervisors, bench_workers, bench_clients, bench_slots) and
 * the users, profiles, password history and care teams made from them.
 */
export async function insertPeople(db: pg.ClientBase, shape: AgencyShape): Promise<void> {
  const { clients, workers, supervisors, visitsPerWeek } = shape;
  await db.query(`
    create or replace function pg_temp.rnd(key bigint, salt int) returns float8
      language sql immutable parallel safe
      as 'select (hashint8extended(key, salt) & 16777215)::float8 / 16777216';
    create temp table bench_supervisors on commit drop as
      select n, gen_random_uuid() id from generate_series(1, ${supervisors}) n;
    create temp table bench_workers on commit drop as
      select n, gen_random_uuid() id, (n - 1) % ${supervisors} + 1 supervisor_n, 2600 + (n % 9) * 100 rate
      from generate_series(1, ${workers}) n;
    -- Client n belongs to worker ((n-1) mod W)+1 and takes that worker's (n-1)/W-th group of weekly slots.
    create temp table bench_clients on commit drop as
      select n, gen_random_uuid() id, gen_random_uuid() plan_id, (n - 1) % ${workers} + 1 worker_n,
        (n - 1 + ${supervisors}) % ${workers} + 1 backup_n, (n - 1) / ${workers} place, n % 4 template,
        ${lat('n')} home_lat, ${lng('n')} home_lng
      from generate_series(1, ${clients}) n;
    -- Weekly slot p of a worker: weekdays first (4 a day, 150 minutes apart), then weekends.
    create temp table bench_slots on commit drop as
      select c.n client_n, j, gen_random_uuid() series_id,
        case when p < 20 then p % 5 + 1 else 6 + (p - 20) % 2 end dow,
        time '08:00' + make_interval(mins => 150 * case when p < 20 then p / 5 else (p - 20) / 2 end) start_time,
        60 + 30 * (c.n % 3) duration
      from bench_clients c, generate_series(0, ${visitsPerWeek - 1}) j, lateral (select c.place * ${visitsPerWeek} + j p) s;
    analyze bench_workers; analyze bench_clients; analyze bench_slots;
  `);
  await db.query(
    `insert into users (id, email, password_hash, role, first_name, last_name, email_verified_at, mfa_secret, mfa_enabled_at)
       values (gen_random_uuid(), 'admin@bench.caretracker.dev', $1, 'ADMIN', 'Bench', 'Admin', now(), $2, now())`,
    [shape.passwordHash, shape.mfaSecret],
  );
  await db.query(
    `insert into users (id, email, password_hash, role, first_name, last_name, email_verified_at)
       select id, 'supervisor-' || n || '@bench.caretracker.dev', $1, 'SUPERVISOR', ${name('n')}, now() from bench_supervisors`,
    [shape.passwordHash],
  );
  await db.query(
    `insert into users (id, email, password_hash, role, first_name, last_name, email_verified_at, supervisor_id)
       select w.id, 'worker-' || w.n || '@bench.caretracker.dev', $1, 'WORKER', ${name('w.n + 7')}, now(), s.id
       from bench_workers w join bench_supervisors s on s.n = w.supervisor_n`,
    [shape.passwordHash],
  );
  await db.query(
    `insert into users (id, email, password_hash, role, first_name, last_name, email_verified_at, supervisor_id)
       select c.id, 'client-' || c.n || '@bench.caretracker.dev', $1, 'CLIENT', ${name('c.n + 13')}, now(), s.id
       from bench_clients c join bench_workers w on w.n = c.worker_n join bench_supervisors s on s.n = w.supervisor_n`,
    [shape.passwordHash],
  );
  await db.query(
    `insert into password_history (user_id, password_hash)
       select id, password_hash from users where email like '%@bench.caretracker.dev'`,
  );
  const address = (n: string) =>
    `jsonb_build_object('line1', (100 + ${n} % 9800) || ' ' || (${arr(STREETS)})[1 + ${n} % ${STREETS.length}],
      'city', 'Portland', 'state', 'OR', 'postalCode', (97201 + ${n} % 66)::text, 'country', 'US')`;
  await db.query(
    `insert into profiles (user_id, phone, timezone, preferred_language, hourly_rate_cents)
       select id, '+1 503 555 0100', $1, 'en', 4200 from users where role in ('ADMIN', 'SUPERVISOR') and email like '%@bench.caretracker.dev'`,
    [shape.timeZone],
  );
  await db.query(
    `insert into profiles (user_id, phone, address, home_lat, home_lng, timezone, preferred_language, skills, availability, hourly_rate_cents)
       select id, '+1 503 555 ' || lpad((n % 10000)::text, 4, '0'), ${address('n')}, ${lat('n + 500000')}, ${lng('n + 500000')}, $1, 'en',
         case n % 3 when 0 then array['personal-care','medication-assist','dementia-care']
                    when 1 then array['personal-care','mobility','hoyer-lift']
                    else array['personal-care','wound-care','medication-assist'] end,
         (select jsonb_agg(jsonb_build_object('day', d, 'start', '08:00', 'end', '18:00'))
            from unnest(array['MON','TUE','WED','THU','FRI','SAT','SUN']) d),
         rate
       from bench_workers`,
    [shape.timeZone],
  );
  await db.query(
    `insert into profiles (user_id, phone, address, home_lat, home_lng, date_of_birth, emergency_contact, medical_record_number,
        allergies, conditions, timezone, preferred_language)
       select id, '+1 503 555 ' || lpad((n % 10000)::text, 4, '0'), ${address('n')}, home_lat, home_lng,
         date '1930-01-01' + (n * 37 % 10950), jsonb_build_object('name', 'Family of client ' || n, 'phone', '+1 503 555 0199', 'relationship', 'Family'),
         'BENCH-' || lpad(n::text, 7, '0'), case when n % 5 = 0 then array['Penicillin'] else array[]::text[] end,
         case template when 0 then array['Type 2 diabetes','Hypertension'] when 1 then array['Dementia']
           when 2 then array['Heart failure','COPD'] else array['Hip fracture, healing'] end,
         $1, 'en'
       from bench_clients`,
    [shape.timeZone],
  );
  await db.query(`
    insert into care_team_assignments (client_id, worker_id, assignment_role)
      select c.id, w.id, 'PRIMARY' from bench_clients c join bench_workers w on w.n = c.worker_n
      union all
      select c.id, b.id, 'BACKUP' from bench_clients c join bench_workers b on b.n = c.backup_n where c.backup_n <> c.worker_n`);
}
