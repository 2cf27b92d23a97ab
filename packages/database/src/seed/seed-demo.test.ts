import { randomBytes } from 'node:crypto';
import { ICD10_CM_PATTERN } from '@caretracker/shared';
import bcrypt from 'bcrypt';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../client';
import { migrateDatabase } from '../migrate';
import { createSecretBox } from '../secrets/secret-box';
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD } from './demo-people';
import { type SeedResult, seedDemo } from './seed-demo';

let handle: DatabaseHandle;
let first: SeedResult;
const now = new Date();
const dataEncryptionKey = randomBytes(32);

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await handle.db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}
async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await rows<{ n: number }>(query);
  return Number(row?.n);
}

beforeAll(async () => {
  handle = createDatabase({ dataDir: 'memory://' });
  await migrateDatabase(handle);
  first = await seedDemo(handle.db, { dataEncryptionKey, bcryptRounds: 4, now });
}, 60_000);
afterAll(() => handle?.close());

describe('demo seed', () => {
  it('creates the agency: 1 admin, 2 supervisors, 8 workers, 20 clients and one family member (a CLIENT-role login)', async () => {
    const byRole = await rows<{ role: string; n: number }>(sql`select role, count(*)::int n from users group by role`);
    expect(Object.fromEntries(byRole.map((r) => [r.role, r.n]))).toEqual({
      ADMIN: 1,
      SUPERVISOR: 2,
      WORKER: 8,
      CLIENT: 21,
    });
    expect(first).toMatchObject({ seeded: true, users: 32 });
  });

  it('gives workers skills, weekly availability and a home; clients their clinical profile', async () => {
    expect(
      await count(sql`select count(*)::int n from users u join profiles p on p.user_id = u.id
        where u.role = 'WORKER' and cardinality(p.skills) > 0 and jsonb_array_length(p.availability) > 0
          and p.home_lat is not null and u.supervisor_id is not null`),
    ).toBe(8);
    expect(
      await count(sql`select count(*)::int n from users u join profiles p on p.user_id = u.id
        where u.role = 'CLIENT' and p.timezone = 'America/Los_Angeles' and p.home_lat between 45.3 and 45.7
          and p.home_lng between -122.9 and -122.4 and p.medical_record_number is not null and p.date_of_birth is not null
          and p.emergency_contact ? 'phone' and p.address->>'city' = 'Portland' and cardinality(p.conditions) > 0
          and u.supervisor_id is not null`),
    ).toBe(20);
  });

  it("puts every client on a care team whose primary worker has the plan's skills; Pat Taylor's includes Jordan Lee", async () => {
    const teams = await rows<{ client: string; covered: boolean; backups: number }>(sql`
      select c.email client, wp.skills @> cp.required_skills covered,
        (select count(*)::int from care_team_assignments b where b.client_id = c.id and b.assignment_role = 'BACKUP') backups
      from users c
      join care_team_assignments a on a.client_id = c.id and a.assignment_role = 'PRIMARY'
      join profiles wp on wp.user_id = a.worker_id
      join care_plans cp on cp.client_id = c.id and cp.status = 'ACTIVE'`);
    expect(teams).toHaveLength(20);
    expect(teams.every((t) => t.covered)).toBe(true);
    expect(teams.some((t) => t.backups > 0)).toBe(true);
    expect(
      await count(sql`select count(*)::int n from care_team_assignments a
        join users c on c.id = a.client_id join users w on w.id = a.worker_id
        where c.email = 'client@caretracker.dev' and w.email = 'worker@caretracker.dev'`),
    ).toBe(1);
  });

  it('gives each client an ACTIVE plan approved by their supervisor, with versions 1 and 2', async () => {
    const plans = await rows<{ ok: boolean; codes: string[]; meds: number; versions: number[]; review: string }>(sql`
      select cp.approved_by = c.supervisor_id and cp.approved_at is not null ok, cp.diagnosis_codes codes,
        (select count(*)::int from care_plan_medications m where m.care_plan_id = cp.id) meds,
        (select array_agg(v.version order by v.version) from care_plan_versions v where v.care_plan_id = cp.id) versions,
        cp.next_review_on::text review
      from care_plans cp join users c on c.id = cp.client_id where cp.status = 'ACTIVE'`);
    expect(plans).toHaveLength(20);
    for (const plan of plans) {
      expect(plan.ok).toBe(true);
      expect(plan.versions).toEqual([1, 2]);
      expect(plan.meds).toBeGreaterThanOrEqual(1);
      expect(plan.meds).toBeLessThanOrEqual(3);
      expect(plan.codes.every((code) => ICD10_CM_PATTERN.test(code))).toBe(true);
    }
    const soon = new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
    expect(plans.filter((p) => p.review <= soon).length).toBeGreaterThanOrEqual(3);
    expect(await count(sql`select count(*)::int n from care_plan_medications where prn`)).toBeGreaterThan(0);
  });

  it('has a month of past visits, mostly completed, with late and off-site check-ins, cancellations and no-shows', async () => {
    const past = await rows<{ status: string; n: number }>(sql`
      select status, count(*)::int n from visits where scheduled_end <= ${now.toISOString()}::timestamptz group by status`);
    const total = past.reduce((sum, r) => sum + r.n, 0);
    const by = Object.fromEntries(past.map((r) => [r.status, r.n]));
    expect(total).toBeGreaterThan(200);
    expect((by.COMPLETED ?? 0) / total).toBeGreaterThan(0.8);
    expect(by.CANCELLED).toBeGreaterThan(0);
    expect(by.NO_SHOW).toBeGreaterThan(0);
    expect(
      await count(sql`select count(*)::int n from visits where status = 'COMPLETED' and (check_in_at is null
        or check_out_at is null or billable_minutes is null or cost_cents <> round(billable_minutes * rate_cents / 60.0))`),
    ).toBe(0);
    const exceptions = await rows<{ type: string; status: string; n: number }>(sql`
      select type, status, count(*)::int n from evv_exceptions group by type, status`);
    const has = (type: string, status: string) => exceptions.some((e) => e.type === type && e.status === status);
    expect(has('LATE_CHECKIN', 'OPEN') && has('LATE_CHECKIN', 'RESOLVED')).toBe(true);
    expect(has('CHECKIN_OUTSIDE_GEOFENCE', 'OPEN') || has('CHECKIN_OUTSIDE_GEOFENCE', 'RESOLVED')).toBe(true);
    expect(
      await count(sql`select count(*)::int n from evv_exceptions e join visits v on v.id = e.visit_id
        where e.type = 'CHECKIN_OUTSIDE_GEOFENCE' and v.check_in_distance_m <= 150`),
    ).toBe(0);
  });

  it('records the due doses of completed visits, a few refused with a reason', async () => {
    const doses = await rows<{ outcome: string; n: number; reasons: number }>(sql`
      select outcome, count(*)::int n, count(reason)::int reasons from medication_administrations group by outcome`);
    const refused = doses.find((d) => d.outcome === 'REFUSED');
    const given = doses.find((d) => d.outcome === 'GIVEN');
    expect(refused?.n).toBeGreaterThan(0);
    expect(refused?.reasons).toBe(refused?.n);
    expect(given!.n).toBeGreaterThan(refused!.n * 5);
  });

  it('books two weeks ahead as recurring series, without overlapping any worker', async () => {
    const upcoming = await rows<{ status: string; series: number; clients: number; n: number }>(sql`
      select status, count(series_id)::int series, count(distinct client_id)::int clients, count(*)::int n
      from visits where scheduled_start > ${now.toISOString()}::timestamptz group by status`);
    expect(upcoming.map((u) => u.status).sort()).toEqual(expect.arrayContaining(['SCHEDULED']));
    expect(upcoming.every((u) => ['SCHEDULED', 'CONFIRMED'].includes(u.status) && u.series === u.n)).toBe(true);
    expect(
      await count(
        sql`select count(distinct client_id)::int n from visits where scheduled_start > ${now.toISOString()}::timestamptz`,
      ),
    ).toBe(20);
    expect(await count(sql`select count(*)::int n from visit_series`)).toBe(20);
    expect(
      await count(sql`select count(*)::int n from visits a join visits b on a.worker_id = b.worker_id and a.id < b.id
        and tstzrange(a.scheduled_start, a.scheduled_end) && tstzrange(b.scheduled_start, b.scheduled_end)
        where a.status in ('SCHEDULED','CONFIRMED','IN_PROGRESS','COMPLETED')
          and b.status in ('SCHEDULED','CONFIRMED','IN_PROGRESS','COMPLETED')`),
    ).toBe(0);
  });

  it('links the demo family member to Pat Taylor, whom he acts for', async () => {
    const links = await rows<{ family: string; client: string }>(sql`
      select f.email family, c.email client from family_links l
      join users f on f.id = l.family_user_id join users c on c.id = l.client_id where l.deleted_at is null`);
    expect(links).toEqual([{ family: 'family@caretracker.dev', client: 'client@caretracker.dev' }]);
  });

  it('keeps the demo logins, whose password hashes verify', async () => {
    const logins = await rows<{ email: string; name: string; password_hash: string; mfa_secret: string | null }>(sql`
      select email, first_name || ' ' || last_name name, password_hash, mfa_secret from users
      where email in ('admin@caretracker.dev','supervisor@caretracker.dev','worker@caretracker.dev','client@caretracker.dev',
        'family@caretracker.dev')
      order by email`);
    expect(logins.map((l) => [l.email, l.name])).toEqual([
      ['admin@caretracker.dev', 'Alex Morgan'],
      ['client@caretracker.dev', 'Pat Taylor'],
      ['family@caretracker.dev', 'Chris Taylor'],
      ['supervisor@caretracker.dev', 'Sam Rivera'],
      ['worker@caretracker.dev', 'Jordan Lee'],
    ]);
    for (const login of logins) expect(await bcrypt.compare(DEMO_PASSWORD, login.password_hash)).toBe(true);
    // The admin's TOTP secret is stored sealed with the installation's key, never in plain text.
    const stored = logins[0]?.mfa_secret ?? '';
    expect(stored).toMatch(/^enc:v1:/);
    expect(stored).not.toContain(DEMO_ADMIN_TOTP_SECRET);
    expect(createSecretBox(dataEncryptionKey).open(stored)).toBe(DEMO_ADMIN_TOTP_SECRET);
  });

  it('does nothing when the database already has users', async () => {
    const before = await count(sql`select count(*)::int n from visits`);
    const again = await seedDemo(handle.db, { dataEncryptionKey, bcryptRounds: 4 });
    expect(again).toEqual({ seeded: false, users: 32, visits: 0 });
    expect(await count(sql`select count(*)::int n from visits`)).toBe(before);
  });
  it('gives every client a budget for this month and the past one, with an expense per completed visit', async () => {
    expect(
      await count(sql`select count(*)::int n from budgets b where b.period_type = 'MONTHLY'
        and (now() at time zone 'America/Los_Angeles')::date between b.period_start and b.period_end
        and (select sum(a.amount_cents) from budget_allocations a where a.budget_id = b.id) <= b.total_cents`),
    ).toBe(20);
    const [costs] = await rows<{ visits: number; expenses: number; cents_equal: boolean }>(sql`
      select (select count(*)::int from visits v join budgets b on b.client_id = v.client_id
          and (v.scheduled_start at time zone 'America/Los_Angeles')::date between b.period_start and b.period_end
          where v.status = 'COMPLETED' and v.cost_cents > 0) visits,
        (select count(*)::int from expenses e where e.visit_id is not null and e.status = 'APPROVED') expenses,
        (select bool_and(e.amount_cents = v.cost_cents) from expenses e join visits v on v.id = e.visit_id) cents_equal`);
    expect(costs?.expenses).toBe(costs?.visits);
    expect(costs?.expenses).toBeGreaterThan(0);
    expect(costs?.cents_equal).toBe(true);
  });
});
