import { schema } from '@caretracker/database';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobRunner } from '../src/modules/jobs/runner';
import { overviewCountsSql } from '../src/modules/overview/queries';
import { startApp, type TestApp } from './helpers/app';
import { createActivePlan } from './helpers/care-factories';
import { createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import {
  createOfficeTeam,
  hoursFromNow,
  noonZone,
  type OfficeTeam,
  officeVisit,
  openException,
} from './helpers/office';

const DAY = 86_400_000;
const dateIn = (zone: string, offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(Date.now() + offsetDays * DAY));

/** A database of its own, so the admin's agency-wide counts are exactly what this file made. */
describe('GET /office/overview', () => {
  let t: TestApp;
  let a: OfficeTeam;
  let b: OfficeTeam;
  let admin: TestUser;
  const zone = noonZone();
  beforeAll(async () => {
    t = await startApp({ ownDatabase: true, config: { AGENCY_TIMEZONE: zone } });
    a = await createOfficeTeam(t.app);
    b = await createOfficeTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    const { db } = t.app.deps;

    // Team A today: one visit in every state (unassigned where a worker's visits would overlap).
    await officeVisit(t.app, { client: a.client, worker: a.worker, start: hoursFromNow(2) }); // upcoming
    await officeVisit(t.app, { client: a.client, start: hoursFromNow(-0.5) }); // late: start + 15 min passed, end not
    const missed = await officeVisit(t.app, { client: a.client, worker: a.worker, start: hoursFromNow(-3) });
    await officeVisit(t.app, { client: a.secondClient, start: hoursFromNow(-4), status: 'NO_SHOW' }); // missed too
    const underWay = await officeVisit(t.app, {
      client: a.client,
      worker: a.worker,
      start: hoursFromNow(-1),
      minutes: 90,
      status: 'IN_PROGRESS',
    });
    await officeVisit(t.app, { client: a.client, worker: a.worker, start: hoursFromNow(-6), status: 'COMPLETED' });
    await officeVisit(t.app, { client: a.secondClient, start: hoursFromNow(1), status: 'CANCELLED' });
    await officeVisit(t.app, { client: a.secondClient, start: hoursFromNow(3), status: 'RESCHEDULED' });
    // Open EVV exceptions: today's missed visit and one from ten days ago; a resolved one does not count.
    await openException(t.app, missed.id);
    const old = await officeVisit(t.app, {
      client: a.client,
      start: new Date(Date.now() - 10 * DAY),
      status: 'COMPLETED',
    });
    await openException(t.app, old.id, 'LATE_CHECKIN');
    await db.insert(schema.evvExceptions).values({
      visitId: underWay.id,
      type: 'LATE_CHECKIN',
      status: 'RESOLVED',
      reasonCode: 'TRAFFIC',
      resolvedAt: new Date(),
    });
    // Doses on the visit under way: one refused, one not given, one given.
    const { medications } = await createActivePlan(t.app, {
      clientId: a.client.id,
      medications: [{ name: 'Metformin', times: ['08:00'] }],
    });
    const medicationId = medications[0]!.id;
    for (const outcome of ['REFUSED', 'NOT_GIVEN', 'GIVEN'] as const) {
      await db.insert(schema.medicationAdministrations).values({
        visitId: underWay.id,
        medicationId,
        outcome,
        reason: outcome === 'GIVEN' ? null : 'Client declined',
        recordedBy: a.worker.id,
      });
    }
    await db
      .update(schema.carePlans)
      .set({ nextReviewOn: dateIn(zone, -1) })
      .where(eq(schema.carePlans.clientId, a.client.id));
    await db.insert(schema.carePlans).values({
      clientId: a.secondClient.id,
      status: 'ON_HOLD',
      title: 'Paused plan',
      startsOn: '2025-01-01',
      nextReviewOn: dateIn(zone, 5),
    });
    // Budgets covering today: the first client's total at WARNING with a pending expense, the
    // second's total fine but one category CRITICAL.
    const budgetValues = {
      periodType: 'MONTHLY' as const,
      periodStart: dateIn(zone, -10),
      periodEnd: dateIn(zone, 20),
      totalCents: 100_000,
      fundingSource: 'Medicaid waiver',
    };
    const [warned] = await db
      .insert(schema.budgets)
      .values({ ...budgetValues, clientId: a.client.id, alertLevel: 'WARNING' })
      .returning();
    const [calm] = await db
      .insert(schema.budgets)
      .values({ ...budgetValues, clientId: a.secondClient.id })
      .returning();
    await db
      .insert(schema.budgetAllocations)
      .values({ budgetId: calm!.id, category: 'TRANSPORTATION', amountCents: 1_000, alertLevel: 'CRITICAL' });
    await db.insert(schema.expenses).values([
      {
        budgetId: warned!.id,
        category: 'OTHER',
        amountCents: 2_500,
        description: 'Ramp',
        incurredOn: dateIn(zone),
        status: 'PENDING',
      },
      {
        budgetId: warned!.id,
        category: 'OTHER',
        amountCents: 500,
        description: 'Taxi',
        incurredOn: dateIn(zone),
        status: 'PENDING',
      },
    ]);
    await db.insert(schema.emergencyAlerts).values([
      { clientId: a.client.id, raisedBy: a.worker.id, status: 'OPEN', message: 'Fell in the kitchen' },
      { clientId: a.client.id, raisedBy: a.worker.id, status: 'ACKNOWLEDGED', acknowledgedAt: new Date() },
    ]);

    // Team B has a late visit, an open emergency and an open exception of its own.
    const lateB = await officeVisit(t.app, { client: b.client, start: hoursFromNow(-0.5) });
    await openException(t.app, lateB.id);
    await db.insert(schema.emergencyAlerts).values({ clientId: b.client.id, raisedBy: b.worker.id, status: 'OPEN' });
  });
  afterAll(() => t.close());

  const overview = async (user: TestUser) => {
    const response = await t.app.inject({ method: 'GET', url: '/office/overview', headers: user.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data;
  };

  it("a supervisor sees their team's day by where each visit stands, and nothing of another team", async () => {
    const data = await overview(a.supervisor);
    expect(data.scope).toBe('TEAM');
    expect(data.timeZone).toBe(zone);
    expect(data.day.date).toBe(dateIn(zone));
    expect(data.visits).toMatchObject({
      total: 7,
      upcoming: { count: 1 },
      late: { count: 1 },
      missed: { count: 2 },
      inProgress: { count: 1 },
      completed: { count: 1 },
      cancelled: { count: 1 },
    });
    expect(data.evvExceptions).toMatchObject({ count: 2, exceptions: 2 });
    expect(data.doses).toMatchObject({ count: 1, refused: 1, notGiven: 1 });
    expect(data.emergencies.open.count).toBe(1);
    expect(data.emergencies.acknowledged.count).toBe(1);
    expect(data.emergencies.latestOpen).toHaveLength(1);
    expect(data.emergencies.latestOpen[0]).toMatchObject({
      client: { id: a.client.id },
      message: 'Fell in the kitchen',
    });
    expect(data.budgets).toMatchObject({ overThreshold: { count: 2 }, critical: 1 });
    expect(data.carePlanReviews).toMatchObject({ overdue: { count: 1 }, dueSoon: { count: 2 }, dueSoonDays: 14 });
    expect(data.expenses).toMatchObject({ count: 1, expenses: 2, amountCents: 3_000 });
    expect(data.failedJobs).toBeNull();
    expect(data.liveEvents).toEqual(expect.arrayContaining(['visit.updated', 'evv.exception', 'emergency.alert']));
  });

  it('every tile names the list request that shows exactly its rows', async () => {
    const data = await overview(a.supervisor);
    const tiles = [
      ...Object.entries(data.visits).filter(([key]) => key !== 'total'),
      ['evvExceptions', data.evvExceptions],
      ['doses', data.doses],
      ['emergencies.open', data.emergencies.open],
      ['emergencies.acknowledged', data.emergencies.acknowledged],
      ['budgets', data.budgets.overThreshold],
      ['reviews.overdue', data.carePlanReviews.overdue],
      ['reviews.dueSoon', data.carePlanReviews.dueSoon],
      ['expenses', data.expenses],
    ] as Array<[string, { count: number; filter: { path: string; query: Record<string, string> } }]>;
    for (const [name, tile] of tiles) {
      const query = new URLSearchParams({ ...tile.filter.query, limit: '100' });
      const response = await t.app.inject({
        method: 'GET',
        url: `${tile.filter.path}?${query}`,
        headers: a.supervisor.headers,
      });
      expect(response.statusCode, `${name}: ${response.body}`).toBe(200);
      expect(response.json().data, name).toHaveLength(tile.count);
    }
  });

  it('an admin sees the whole agency, with failed background jobs', async () => {
    const runner = startJobRunner(
      [{ name: 'always-fails', intervalMs: 3_600_000, run: async () => Promise.reject(new Error('boom')) }],
      t.app.log,
    );
    t.app.deps.jobRunner = runner;
    try {
      await runner.enqueue('always-fails');
      await expect.poll(async () => (await runner.recentFailures()).length).toBe(1);
      const data = await overview(admin);
      expect(data.scope).toBe('AGENCY');
      expect(data.visits.late.count).toBe(2);
      expect(data.evvExceptions.count).toBe(3);
      expect(data.emergencies.open.count).toBe(2);
      expect(data.failedJobs).toEqual({ count: 1, filter: { path: '/admin/jobs/failed', query: {} } });
    } finally {
      runner.stop();
      t.app.deps.jobRunner = null;
    }
  });

  it('workers and clients are refused (403) and the denial is logged', async () => {
    for (const user of [a.worker, a.client]) {
      expectError(
        await t.app.inject({ method: 'GET', url: '/office/overview', headers: user.headers }),
        403,
        'FORBIDDEN',
      );
      const denials = await t.app.deps.db
        .select()
        .from(schema.auditLog)
        .where(
          and(
            eq(schema.auditLog.actorId, user.id),
            eq(schema.auditLog.action, 'PERMISSION_DENIED'),
            eq(schema.auditLog.entityType, 'overview'),
          ),
        );
      expect(denials).toHaveLength(1);
    }
    expectError(await t.app.inject({ method: 'GET', url: '/office/overview' }), 401, 'UNAUTHORIZED');
  });

  it('counts come from indexes: on a few thousand visits the plan reads no table whole', async () => {
    if (t.engine !== 'postgres') return;
    const { db } = t.app.deps;
    // 6,000 completed visits over the last 300 days (20 a day), outside today.
    await db.execute(sql`
      insert into visits (client_id, service_type, status, scheduled_start, scheduled_end, check_in_at)
      select ${a.client.id}::uuid, 'PERSONAL_CARE', 'COMPLETED', s, s + interval '1 hour', s
      from generate_series(now() - interval '300 days', now() - interval '2 days', interval '72 minutes') s`);
    await db.execute(sql`analyze`);
    const now = new Date();
    const today = dateIn(zone);
    const bounds = { dayStart: hoursFromNow(-11), dayEnd: hoursFromNow(11) };
    for (const actor of [admin, a.supervisor]) {
      const statement = overviewCountsSql(
        { id: actor.id, role: actor.role, sessionId: 'explain' },
        { now, ...bounds, today, toleranceMinutes: 15, reviewDueDays: 14 },
      );
      const result = (await db.execute(sql`explain ${statement}`)) as unknown as {
        rows: Array<{ 'QUERY PLAN': string }>;
      };
      const plan = result.rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index (Only )?Scan using visits_start_idx on visits/);
      expect(plan).not.toMatch(/Seq Scan on visits\b/);
    }
  });
});
