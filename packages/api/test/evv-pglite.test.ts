import { schema } from '@caretracker/database';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createActivePlan, createVisitRow, localClock } from './helpers/care-factories';
import { createTeam } from './helpers/factories';

const HOME = { lat: 45.5, lng: -122.6, accuracyM: 10 };
const MINUTE = 60_000;

/** The embedded engine has one connection: nothing here may wait on another while a transaction is open. */
describe('EVV on PGlite: a whole visit and the missed-visit job', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine: 'pglite' });
  });
  afterAll(() => t.close());

  it('check-in, a refused dose (urgent alert), check-out; then a missed visit flagged once', async () => {
    const { worker, supervisor, client } = await createTeam(t.app);
    const dueAt = new Date(Date.now() + 20 * MINUTE);
    const { plan, medications } = await createActivePlan(t.app, {
      clientId: client.id,
      medications: [{ name: 'Metformin', times: [localClock(dueAt)] }],
    });
    const visit = await createVisitRow(t.app, {
      clientId: client.id,
      workerId: worker.id,
      start: new Date(Date.now() - 40 * MINUTE),
      minutes: 120,
      carePlanId: plan.id,
      rateCents: 3000,
    });
    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: worker.headers, payload });

    const checkIn = await post(`/visits/${visit.id}/checkin`, HOME);
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    expect(checkIn.json().data.exceptionsRaised.map((e: { type: string }) => e.type)).toEqual(['LATE_CHECKIN']);
    const dose = await post(`/visits/${visit.id}/medications`, {
      medicationId: medications[0]!.id,
      scheduledFor: new Date(Math.floor(dueAt.getTime() / MINUTE) * MINUTE).toISOString(),
      outcome: 'REFUSED',
      reason: 'Asleep',
    });
    expect(dose.statusCode, dose.body).toBe(201);
    const checkOut = await post(`/visits/${visit.id}/checkout`, HOME);
    expect(checkOut.statusCode, checkOut.body).toBe(200);
    const [row] = await t.app.deps.db.select().from(schema.visits).where(eq(schema.visits.id, visit.id));
    expect(row).toMatchObject({ status: 'COMPLETED', billableMinutes: 0, costCents: 0 });
    const told = await t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.userId, supervisor.id));
    expect(told.map((n) => n.category).sort()).toEqual(['EVV_EXCEPTION', 'EVV_EXCEPTION', 'MEDICATION_NOT_GIVEN']);

    const missed = await createVisitRow(t.app, {
      clientId: client.id,
      workerId: null,
      start: new Date(Date.now() - 60 * MINUTE),
      minutes: 30,
    });
    const job = t.app.deps.jobs.find((j) => j.name === 'missed-visits')!;
    expect(await job.run(new Date())).toBe(1);
    expect(await job.run(new Date())).toBe(0);
    const [flagged] = await t.app.deps.db.select().from(schema.visits).where(eq(schema.visits.id, missed.id));
    expect(flagged!.missedAlertedAt).not.toBeNull();
  });
});
