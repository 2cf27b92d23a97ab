import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../client';
import { migrateDatabase } from '../../migrate';
import { checkLargeOptions, countRows, generateLargeAgency } from './generate';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    if (process.env.CI === 'true')
      throw new Error(`PostgreSQL is required in CI but not reachable at ${ADMIN_URL}: ${error}`);
    return false;
  }
}

const hasPostgres = await reachable();

describe('checkLargeOptions', () => {
  it('refuses more clients per worker than a week has slots, which would double-book', () => {
    expect(checkLargeOptions({ clients: 20_000, workers: 2_000, months: 12, visitsPerWeek: 1 })).toBeNull();
    expect(checkLargeOptions({ clients: 1_000, workers: 10, months: 1, visitsPerWeek: 1 })).toMatch(/weekly slots/);
    expect(checkLargeOptions({ clients: 10, workers: 0, months: 1, visitsPerWeek: 1 })).toMatch(/--workers/);
  });
});

describe.skipIf(!hasPostgres)('generateLargeAgency on PostgreSQL', () => {
  const name = `caretracker_test_large_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  let db: pg.Client;
  const now = new Date();

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const handle = createDatabase({ url: url.toString(), poolSize: 1 });
    await migrateDatabase(handle);
    await handle.close();
    db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    await generateLargeAgency(db, {
      clients: 50,
      workers: 10,
      months: 1,
      visitsPerWeek: 2,
      passwordHash: 'not-a-real-hash',
      mfaSecret: 'enc:v1:not-opened-by-this-test',
      now,
    });
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('creates the people, one active plan per client and a care team', async () => {
    const counts = await countRows(db);
    expect(counts.users).toBe(1 + 1 + 10 + 50);
    expect(counts.profiles).toBe(counts.users);
    expect(counts.care_plans).toBe(50);
    expect(counts.care_plan_versions).toBe(100);
    const { rows } = await db.query(
      `select count(*)::int n from users c where c.role = 'CLIENT'
         and exists (select 1 from care_team_assignments a where a.client_id = c.id and a.assignment_role = 'PRIMARY')
         and exists (select 1 from care_plans p where p.client_id = c.id and p.status = 'ACTIVE' and p.approved_by = c.supervisor_id)`,
    );
    expect(rows[0].n).toBe(50);
  });

  it('fills about five weeks of history and two weeks ahead, twice a week per client', async () => {
    const { rows } = await db.query<{ status: string; n: number; series: number }>(
      `select status, count(*)::int n, count(series_id)::int series from visits group by status`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.status, r]));
    const total = rows.reduce((sum, r) => sum + r.n, 0);
    // 50 clients × 2 a week × (one month + two weeks) ≈ 600.
    expect(total).toBeGreaterThan(500);
    expect(total).toBeLessThan(700);
    expect(by.COMPLETED!.n / total).toBeGreaterThan(0.5);
    expect(by.SCHEDULED!.series).toBe(by.SCHEDULED!.n);
    const upcoming = await db.query<{ n: number }>(
      `select count(*)::int n from visits where scheduled_start > $1 and status <> 'SCHEDULED'`,
      [now.toISOString()],
    );
    expect(upcoming.rows[0]?.n).toBe(0);
  });

  it('never overlaps a worker, and keeps EVV exceptions and doses consistent with the visits', async () => {
    const overlaps = await db.query<{ n: number }>(
      `select count(*)::int n from visits a join visits b on a.worker_id = b.worker_id and a.id < b.id
         and tstzrange(a.scheduled_start, a.scheduled_end) && tstzrange(b.scheduled_start, b.scheduled_end)`,
    );
    expect(overlaps.rows[0]?.n).toBe(0);
    // The indexes and the exclusion constraint dropped for the load are back.
    const schema = await db.query<{ constraints: number; indexes: number }>(
      `select (select count(*)::int from pg_constraint where conrelid = 'visits'::regclass and conname = 'visits_worker_no_overlap') constraints,
         (select count(*)::int from pg_indexes where tablename = 'visits'
            and indexname in ('visits_worker_start_idx', 'visits_client_start_idx', 'visits_status_start_idx')) indexes`,
    );
    expect(schema.rows[0]).toEqual({ constraints: 1, indexes: 3 });
    const wrong = await db.query<{ n: number }>(
      `select count(*)::int n from evv_exceptions e join visits v on v.id = e.visit_id
         where (e.type = 'LATE_CHECKIN' and v.check_in_at <= v.scheduled_start + interval '15 minutes')
            or (e.type = 'CHECKIN_OUTSIDE_GEOFENCE' and v.check_in_distance_m <= 150)
            or (e.type = 'MISSED_CHECKIN' and v.status <> 'NO_SHOW')`,
    );
    expect(wrong.rows[0]?.n).toBe(0);
    const doses = await db.query<{ n: number }>(
      `select count(*)::int n from medication_administrations m join visits v on v.id = m.visit_id
         where v.status <> 'COMPLETED' or m.scheduled_for < v.scheduled_start or m.scheduled_for >= v.scheduled_end`,
    );
    expect(doses.rows[0]?.n).toBe(0);
    expect((await countRows(db)).medication_administrations).toBeGreaterThan(0);
  });
});
