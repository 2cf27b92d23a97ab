import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createVisitRow } from './helpers/care-factories';
import { createTeam } from './helpers/factories';

const MINUTE = 60_000;

// The job flags every overdue visit in its database, so it runs against a database of its own:
// in the run's shared one it would flag other files' past visits while their tests look at them.
describe('missed-visit detection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ ownDatabase: true });
  });
  afterAll(() => t.close());

  const job = () => {
    const found = t.app.deps.jobs.find((j) => j.name === 'missed-visits');
    if (!found) throw new Error('missed-visits job not registered');
    return found;
  };
  const visitRow = async (id: string) =>
    (await t.app.deps.db.select().from(schema.visits).where(eq(schema.visits.id, id)))[0]!;

  it('flags a visit not checked in within the tolerance once, with one urgent alert to the supervisor', async () => {
    const { supervisor, client, worker } = await createTeam(t.app);
    const missed = await createVisitRow(t.app, {
      clientId: client.id,
      workerId: worker.id,
      start: new Date(Date.now() - 30 * MINUTE),
      status: 'CONFIRMED',
    });
    const withinTolerance = await createVisitRow(t.app, {
      clientId: client.id,
      workerId: null,
      start: new Date(Date.now() - 10 * MINUTE),
      minutes: 5,
    });
    const otherTeam = await createTeam(t.app);
    const checkedIn = await createVisitRow(t.app, {
      clientId: otherTeam.client.id,
      workerId: otherTeam.worker.id,
      start: new Date(Date.now() - 30 * MINUTE),
    });
    const checkIn = await t.app.inject({
      method: 'POST',
      url: `/visits/${checkedIn.id}/checkin`,
      headers: otherTeam.worker.headers,
      payload: { lat: 45.5, lng: -122.6, accuracyM: 5 },
    });
    expect(checkIn.statusCode, checkIn.body).toBe(200);

    // Two replicas running at the same moment, then the next tick.
    const [a, b] = await Promise.all([job().run(new Date()), job().run(new Date())]);
    expect(Number(a) + Number(b)).toBe(1);
    expect(await job().run(new Date())).toBe(0);

    const row = await visitRow(missed.id);
    expect(row.missedAlertedAt).not.toBeNull();
    expect(row.status).toBe('CONFIRMED');
    expect(row.version).toBe(missed.version);
    expect((await visitRow(withinTolerance.id)).missedAlertedAt).toBeNull();
    expect((await visitRow(checkedIn.id)).missedAlertedAt).toBeNull();

    const exceptions = await t.app.deps.db
      .select()
      .from(schema.evvExceptions)
      .where(eq(schema.evvExceptions.visitId, missed.id));
    expect(exceptions.map((e) => e.type)).toEqual(['MISSED_CHECKIN']);
    const alerts = await t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.entityId, missed.id), eq(schema.notifications.category, 'MISSED_VISIT')));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ userId: supervisor.id, urgent: true });
  });

  it('leaves cancelled and deleted visits alone', async () => {
    const { client, worker } = await createTeam(t.app);
    const cancelled = await createVisitRow(t.app, {
      clientId: client.id,
      workerId: worker.id,
      start: new Date(Date.now() - 120 * MINUTE),
    });
    await t.app.deps.db
      .update(schema.visits)
      .set({ status: 'CANCELLED', cancellationReason: 'client away' })
      .where(eq(schema.visits.id, cancelled.id));
    const deleted = await createVisitRow(t.app, {
      clientId: client.id,
      workerId: worker.id,
      start: new Date(Date.now() - 60 * MINUTE),
      minutes: 30,
    });
    await t.app.deps.db.update(schema.visits).set({ deletedAt: new Date() }).where(eq(schema.visits.id, deleted.id));
    expect(await job().run(new Date())).toBe(0);
    expect((await visitRow(cancelled.id)).missedAlertedAt).toBeNull();
    expect((await visitRow(deleted.id)).missedAlertedAt).toBeNull();
  });
});
