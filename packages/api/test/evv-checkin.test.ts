import { randomUUID } from 'node:crypto';
import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createVisitRow, northOf } from './helpers/care-factories';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

const HOME = { lat: 45.5, lng: -122.6 };
const MINUTE = 60_000;

describe('EVV check-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const checkIn = (user: TestUser, visitId: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/visits/${visitId}/checkin`,
      headers: { ...user.headers, ...headers },
      payload,
    });
  const at = (point: { lat: number; lng: number }, accuracyM = 12) => ({ ...point, accuracyM });
  const visitRow = async (id: string) =>
    (await t.app.deps.db.select().from(schema.visits).where(eq(schema.visits.id, id)))[0]!;
  const exceptionsOf = (visitId: string) =>
    t.app.deps.db.select().from(schema.evvExceptions).where(eq(schema.evvExceptions.visitId, visitId));
  const notificationsFor = (userId: string, visitId: string) =>
    t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.userId, userId), eq(schema.notifications.entityId, visitId)));

  /** A team and a visit starting `offsetMinutes` from now (negative: in the past). */
  async function scheduled(offsetMinutes = -2, extra: Partial<Parameters<typeof createVisitRow>[1]> = {}) {
    const team = await createTeam(t.app);
    const visit = await createVisitRow(t.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(Date.now() + offsetMinutes * MINUTE),
      ...extra,
    });
    return { ...team, visit };
  }

  it('inside the geofence and on time: IN_PROGRESS, server time stamped, no exception', async () => {
    const { worker, supervisor, visit } = await scheduled();
    const before = Date.now();
    const capturedAt = new Date(Date.now() - 30_000).toISOString();
    const response = await checkIn(worker, visit.id, { ...at(northOf(HOME, 100)), capturedAt });
    expect(response.statusCode, response.body).toBe(200);
    const data = response.json().data;
    expect(data).toMatchObject({ visitId: visit.id, status: 'IN_PROGRESS', exceptionsRaised: [], geofenceMeters: 150 });
    expect(data.checkIn.distanceM).toBeGreaterThan(99);
    expect(data.checkIn.distanceM).toBeLessThan(101);
    expect(data.checkIn.deviceAt).toBe(capturedAt);

    const row = await visitRow(visit.id);
    expect(row.status).toBe('IN_PROGRESS');
    expect(row.checkInAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(row.actualStart).toEqual(row.checkInAt);
    expect(row.checkInDeviceAt!.toISOString()).toBe(capturedAt);
    expect(row.checkInAccuracyM).toBe(12);
    expect(await exceptionsOf(visit.id)).toEqual([]);
    expect(await notificationsFor(supervisor.id, visit.id)).toEqual([]);
    const audit = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'VISIT_CHECKED_IN'), eq(schema.auditLog.entityId, visit.id)));
    expect(audit).toHaveLength(1);
  });

  it('400 m from home: CHECKIN_OUTSIDE_GEOFENCE with distance, accuracy and fence; the supervisor is told', async () => {
    const { worker, supervisor, visit } = await scheduled();
    const response = await checkIn(worker, visit.id, at(northOf(HOME, 400), 25));
    expect(response.statusCode, response.body).toBe(200);
    const raised = response.json().data.exceptionsRaised;
    expect(raised.map((e: { type: string }) => e.type)).toEqual(['CHECKIN_OUTSIDE_GEOFENCE']);
    expect(raised[0].detail).toMatchObject({ reason: 'OUTSIDE_GEOFENCE', accuracyM: 25, geofenceMeters: 150 });
    expect(raised[0].detail.distanceMeters).toBeCloseTo(400, 0);
    expect(raised[0].status).toBe('OPEN');
    expect(await exceptionsOf(visit.id)).toHaveLength(1);
    const told = await notificationsFor(supervisor.id, visit.id);
    expect(told).toHaveLength(1);
    expect(told[0]!.category).toBe('EVV_EXCEPTION');
  });

  it("the worker's reason goes with each exception raised; a reason too long is refused and nothing changes", async () => {
    const { worker, visit } = await scheduled(-40);
    const tooLong = await checkIn(worker, visit.id, { ...at(northOf(HOME, 400)), workerNote: 'x'.repeat(501) });
    await expectError(tooLong, 400, 'VALIDATION_ERROR');
    expect((await visitRow(visit.id)).status).toBe('SCHEDULED');
    expect(await exceptionsOf(visit.id)).toHaveLength(0);

    const workerNote = 'Road closed on Morrison; parked two streets away.';
    const response = await checkIn(worker, visit.id, { ...at(northOf(HOME, 400)), workerNote });
    expect(response.statusCode, response.body).toBe(200);
    const stored = await exceptionsOf(visit.id);
    expect(stored.map((e) => e.type).sort()).toEqual(['CHECKIN_OUTSIDE_GEOFENCE', 'LATE_CHECKIN']);
    for (const exception of stored) expect(exception.detail).toMatchObject({ workerNote });
  });

  it('the visit’s own coordinates win over the client’s home', async () => {
    const place = { lat: 45.6, lng: -122.7 };
    const { worker, visit } = await scheduled(-2, { locationLat: place.lat, locationLng: place.lng });
    const response = await checkIn(worker, visit.id, at(northOf(place, 50)));
    expect(response.json().data.checkIn.distanceM).toBeCloseTo(50, 0);
    expect(response.json().data.exceptionsRaised).toEqual([]);
  });

  it('40 minutes after the scheduled start: LATE_CHECKIN', async () => {
    const { worker, visit } = await scheduled(-40);
    const raised = (await checkIn(worker, visit.id, at(HOME))).json().data.exceptionsRaised;
    expect(raised.map((e: { type: string }) => e.type)).toEqual(['LATE_CHECKIN']);
    expect(raised[0].detail).toMatchObject({ toleranceMinutes: 15, minutesLate: 40 });
  });

  it('10 minutes late is within the 15-minute tolerance', async () => {
    const { worker, visit } = await scheduled(-10);
    expect((await checkIn(worker, visit.id, at(HOME))).json().data.exceptionsRaised).toEqual([]);
  });

  it('two hours before the scheduled start: EARLY_CHECKIN (and outside the fence too)', async () => {
    const { worker, visit } = await scheduled(120);
    const raised = (await checkIn(worker, visit.id, at(northOf(HOME, 1000)))).json().data.exceptionsRaised;
    expect(raised.map((e: { type: string }) => e.type).sort()).toEqual(['CHECKIN_OUTSIDE_GEOFENCE', 'EARLY_CHECKIN']);
  });

  it('a client without home coordinates: the location cannot be verified, so it is an exception', async () => {
    const supervisor = await createUser(t.app, { role: 'SUPERVISOR' });
    const worker = await createUser(t.app, { role: 'WORKER', supervisorId: supervisor.id });
    const client = await createUser(t.app, { role: 'CLIENT', supervisorId: supervisor.id });
    const visit = await createVisitRow(t.app, { clientId: client.id, workerId: worker.id, start: new Date() });
    const response = await checkIn(worker, visit.id, at(HOME));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data.checkIn.distanceM).toBeNull();
    const raised = response.json().data.exceptionsRaised;
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ type: 'CHECKIN_OUTSIDE_GEOFENCE', detail: { reason: 'NO_HOME_COORDINATES' } });
  });

  it('an offline check-in replayed with its Idempotency-Key gets the first answer; one check-in is stored', async () => {
    const { worker, visit } = await scheduled(-40);
    const key = `checkin-${randomUUID()}`;
    const payload = { ...at(northOf(HOME, 400)), capturedAt: new Date(Date.now() - 5 * MINUTE).toISOString() };
    const first = await checkIn(worker, visit.id, payload, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(200);
    const stamped = (await visitRow(visit.id)).checkInAt;
    const replay = await checkIn(worker, visit.id, payload, { 'idempotency-key': key });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    expect((await visitRow(visit.id)).checkInAt).toEqual(stamped);
    expect((await visitRow(visit.id)).version).toBe(visit.version + 1);
    expect(await exceptionsOf(visit.id)).toHaveLength(2);
    const audits = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'VISIT_CHECKED_IN'), eq(schema.auditLog.entityId, visit.id)));
    expect(audits).toHaveLength(1);
  });

  it('a check-in whose process died after the commit but before its answer: the replay hears the success, once', async () => {
    const { worker, visit } = await scheduled(-40);
    const key = `checkin-${randomUUID()}`;
    const payload = at(northOf(HOME, 400));
    const first = await checkIn(worker, visit.id, payload, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(200);
    // As a SIGKILL between the commit and the stored answer leaves it: the key still "in
    // progress", long enough ago to be taken over.
    await t.app.deps.db
      .update(schema.idempotencyKeys)
      .set({ statusCode: null, responseBody: null, completedAt: null, createdAt: new Date(Date.now() - 3_600_000) })
      .where(eq(schema.idempotencyKeys.key, key));
    const replay = await checkIn(worker, visit.id, payload, { 'idempotency-key': key });
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json().data).toMatchObject({
      status: 'IN_PROGRESS',
      exceptionsRaised: first.json().data.exceptionsRaised,
    });
    expect((await visitRow(visit.id)).version).toBe(visit.version + 1);
    const audits = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'VISIT_CHECKED_IN'), eq(schema.auditLog.entityId, visit.id)));
    expect(audits).toHaveLength(1);
    // Without the key's history, a second check-in is still refused.
    expectError(await checkIn(worker, visit.id, payload), 409, 'CONFLICT');
  });

  it('checking in twice without a key: 409 naming the status and the allowed transitions', async () => {
    const { worker, visit } = await scheduled();
    expect((await checkIn(worker, visit.id, at(HOME))).statusCode).toBe(200);
    const stamped = (await visitRow(visit.id)).checkInAt;
    const again = expectError(await checkIn(worker, visit.id, at(HOME)), 409, 'CONFLICT');
    expect(again.details).toEqual({ status: 'IN_PROGRESS', allowed: ['COMPLETED'] });
    expect((await visitRow(visit.id)).checkInAt).toEqual(stamped);
  });

  it('a cancelled visit cannot be checked in (409)', async () => {
    const { worker, visit } = await scheduled();
    await t.app.deps.db
      .update(schema.visits)
      .set({ status: 'CANCELLED', cancellationReason: 'client in hospital' })
      .where(eq(schema.visits.id, visit.id));
    const refused = expectError(await checkIn(worker, visit.id, at(HOME)), 409, 'CONFLICT');
    expect(refused.details).toEqual({ status: 'CANCELLED', allowed: [] });
  });

  it('coordinates out of range: 400 naming each field, nothing written', async () => {
    const { worker, visit } = await scheduled();
    const bad = expectError(
      await checkIn(worker, visit.id, { lat: 91, lng: -181, accuracyM: -1 }),
      400,
      'VALIDATION_ERROR',
    );
    expect(bad.details?.map((d) => d.field).sort()).toEqual(['body.accuracyM', 'body.lat', 'body.lng']);
    expect((await visitRow(visit.id)).status).toBe('SCHEDULED');
  });

  it('the team’s supervisor and the client may see the visit but not check in (403, unchanged)', async () => {
    const { supervisor, client, visit } = await scheduled();
    expectError(await checkIn(supervisor, visit.id, at(HOME)), 403, 'FORBIDDEN');
    expectError(await checkIn(client, visit.id, at(HOME)), 403, 'FORBIDDEN');
    const row = await visitRow(visit.id);
    expect(row.status).toBe('SCHEDULED');
    expect(row.checkInAt).toBeNull();
  });
});
