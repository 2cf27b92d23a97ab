import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createActivePlan, createVisitRow, localClock } from './helpers/care-factories';
import { createTeam, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

const HOME = { lat: 45.5, lng: -122.6, accuracyM: 10 };
const MINUTE = 60_000;

describe('EVV check-out and documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const post = (user: TestUser, url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: user.headers, payload });
  const visitRow = async (id: string) =>
    (await t.app.deps.db.select().from(schema.visits).where(eq(schema.visits.id, id)))[0]!;
  const notificationsFor = (userId: string, visitId: string, category: string) =>
    t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(
        and(
          eq(schema.notifications.userId, userId),
          eq(schema.notifications.entityId, visitId),
          eq(schema.notifications.category, category),
        ),
      );

  /** A team, an active plan (bathing, meal-prep; optionally a dose due 20 minutes from now) and a visit starting now. */
  async function visitWithPlan(options: { dueDose?: boolean; rateCents?: number } = {}) {
    const team = await createTeam(t.app);
    const dueAt = new Date(Date.now() + 20 * MINUTE);
    const { plan, medications } = await createActivePlan(t.app, {
      clientId: team.client.id,
      activities: [
        { code: 'bathing', name: 'Bathing' },
        { code: 'meal-prep', name: 'Meal preparation' },
      ],
      medications: options.dueDose ? [{ name: 'Metformin', dose: '500 mg', times: [localClock(dueAt)] }] : [],
    });
    const visit = await createVisitRow(t.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(Date.now() - 2 * MINUTE),
      carePlanId: plan.id,
      plannedActivities: ['bathing'],
      rateCents: options.rateCents ?? 2400,
    });
    return { ...team, visit, plan, medications, dueAt };
  }
  const checkIn = async (worker: TestUser, visitId: string) => {
    const response = await post(worker, `/visits/${visitId}/checkin`, HOME);
    expect(response.statusCode, response.body).toBe(200);
  };

  it('a check-out before check-in is refused (409 naming the rule), nothing written', async () => {
    const { worker, visit } = await visitWithPlan();
    const refused = expectError(await post(worker, `/visits/${visit.id}/checkout`, HOME), 409, 'CONFLICT');
    expect(refused.message).toMatch(/check in before checking out/i);
    expect(refused.details).toMatchObject({ status: 'SCHEDULED', rule: expect.stringContaining('after its check-in') });
    const row = await visitRow(visit.id);
    expect(row).toMatchObject({ status: 'SCHEDULED', checkOutAt: null, actualEnd: null });
  });

  it('blocked (422, the dose listed) while a due dose is unrecorded; allowed once it is recorded', async () => {
    const { worker, visit, medications, dueAt } = await visitWithPlan({ dueDose: true });
    await checkIn(worker, visit.id);
    const scheduledFor = new Date(Math.floor(dueAt.getTime() / MINUTE) * MINUTE).toISOString();

    const blocked = expectError(await post(worker, `/visits/${visit.id}/checkout`, HOME), 422, 'UNPROCESSABLE');
    expect(blocked.details).toEqual({
      missingDoses: [
        { medicationId: medications[0]!.id, name: 'Metformin', dose: '500 mg', route: 'ORAL', scheduledFor },
      ],
    });
    expect((await visitRow(visit.id)).status).toBe('IN_PROGRESS');

    const recorded = await post(worker, `/visits/${visit.id}/medications`, {
      medicationId: medications[0]!.id,
      scheduledFor,
      outcome: 'GIVEN',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);

    const done = await post(worker, `/visits/${visit.id}/checkout`, {
      ...HOME,
      performedActivities: [
        { code: 'bathing', status: 'DONE' },
        { code: 'meal-prep', status: 'REFUSED', note: 'Not hungry' },
      ],
      notes: 'Calm visit.',
      privateNotes: 'Watch the left knee.',
      clientSatisfaction: 5,
    });
    expect(done.statusCode, done.body).toBe(200);
    const data = done.json().data;
    expect(data.status).toBe('COMPLETED');
    expect(data.checkOut.distanceM).toBe(0);
    // Checked out about 58 minutes before the scheduled end.
    expect(data.exceptionsRaised.map((e: { type: string }) => e.type)).toEqual(['EARLY_CHECKOUT']);
    expect(data).not.toHaveProperty('costCents');
    const row = await visitRow(visit.id);
    expect(row).toMatchObject({
      status: 'COMPLETED',
      notes: 'Calm visit.',
      privateNotes: 'Watch the left knee.',
      clientSatisfaction: 5,
      performedActivities: [
        { code: 'bathing', status: 'DONE', note: null },
        { code: 'meal-prep', status: 'REFUSED', note: 'Not hungry' },
      ],
    });
    expect(row.actualEnd).toEqual(row.checkOutAt);
  });

  it('bills rounded minutes at the visit rate in exact integer cents', async () => {
    const { worker, visit } = await visitWithPlan({ rateCents: 1999 });
    await checkIn(worker, visit.id);
    // 47 minutes and 10 seconds ago: 47 billable minutes; 47 × 1999 / 60 = 1565.88… → 1566 cents.
    const start = new Date(Date.now() - 47 * MINUTE - 10_000);
    await t.app.deps.db
      .update(schema.visits)
      .set({ actualStart: start, checkInAt: start })
      .where(eq(schema.visits.id, visit.id));
    expect((await post(worker, `/visits/${visit.id}/checkout`, HOME)).statusCode).toBe(200);
    expect(await visitRow(visit.id)).toMatchObject({ billableMinutes: 47, rateCents: 1999, costCents: 1566 });
  });

  it('rounds a half cent up: 30 minutes at 1001 cents an hour is 501 cents', async () => {
    const { worker, visit } = await visitWithPlan({ rateCents: 1001 });
    await checkIn(worker, visit.id);
    const start = new Date(Date.now() - 30 * MINUTE - 5_000);
    await t.app.deps.db.update(schema.visits).set({ actualStart: start }).where(eq(schema.visits.id, visit.id));
    expect((await post(worker, `/visits/${visit.id}/checkout`, HOME)).statusCode).toBe(200);
    expect(await visitRow(visit.id)).toMatchObject({ billableMinutes: 30, costCents: 501 });
  });

  it('vitals outside what is possible: 400 naming body.vitals.pulse, the visit still in progress', async () => {
    const { worker, visit } = await visitWithPlan();
    await checkIn(worker, visit.id);
    const bad = expectError(
      await post(worker, `/visits/${visit.id}/checkout`, { ...HOME, vitals: { pulse: 400 } }),
      400,
      'VALIDATION_ERROR',
    );
    expect(bad.details?.map((d) => d.field)).toEqual(['body.vitals.pulse']);
    expect((await visitRow(visit.id)).status).toBe('IN_PROGRESS');
  });

  it('possible but worrying vitals are stored and the supervisor is told', async () => {
    const { worker, supervisor, visit } = await visitWithPlan();
    await checkIn(worker, visit.id);
    const vitals = { pulse: 130, systolic: 120, diastolic: 80, spo2: 97 };
    const done = await post(worker, `/visits/${visit.id}/checkout`, { ...HOME, vitals });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().data.vitalsFlagged).toEqual(['pulse']);
    expect((await visitRow(visit.id)).vitals).toEqual(vitals);
    expect(await notificationsFor(supervisor.id, visit.id, 'VITALS_ALERT')).toHaveLength(1);
  });

  it('an activity not planned for the visit: 422 naming the field, nothing written', async () => {
    const { worker, visit } = await visitWithPlan();
    await checkIn(worker, visit.id);
    const refused = expectError(
      await post(worker, `/visits/${visit.id}/checkout`, {
        ...HOME,
        performedActivities: [
          { code: 'bathing', status: 'DONE' },
          { code: 'skydiving', status: 'DONE' },
        ],
      }),
      422,
      'UNPROCESSABLE',
    );
    expect(refused.details).toEqual([
      { field: 'body.performedActivities.1.code', message: 'is not a planned activity of this visit' },
    ]);
    expect((await visitRow(visit.id)).status).toBe('IN_PROGRESS');
  });

  it('a follow-up flag tells the supervisor', async () => {
    const { worker, supervisor, visit } = await visitWithPlan();
    await checkIn(worker, visit.id);
    const done = await post(worker, `/visits/${visit.id}/checkout`, {
      ...HOME,
      followUpRequired: true,
      followUpNote: 'Bathroom rail is loose.',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(await visitRow(visit.id)).toMatchObject({ followUpRequired: true, followUpNote: 'Bathroom rail is loose.' });
    expect(await notificationsFor(supervisor.id, visit.id, 'VISIT_FOLLOW_UP')).toHaveLength(1);
  });

  it('a completed visit cannot be checked out again (409)', async () => {
    const { worker, visit } = await visitWithPlan();
    await checkIn(worker, visit.id);
    expect((await post(worker, `/visits/${visit.id}/checkout`, HOME)).statusCode).toBe(200);
    const again = expectError(await post(worker, `/visits/${visit.id}/checkout`, HOME), 409, 'CONFLICT');
    expect(again.details).toMatchObject({ status: 'COMPLETED', allowed: [] });
  });

  it('the supervisor may not check out for the worker (403, unchanged)', async () => {
    const { worker, supervisor, visit } = await visitWithPlan();
    await checkIn(worker, visit.id);
    expectError(await post(supervisor, `/visits/${visit.id}/checkout`, HOME), 403, 'FORBIDDEN');
    expect((await visitRow(visit.id)).status).toBe('IN_PROGRESS');
  });
});
