import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createVisitRow, northOf } from './helpers/care-factories';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

const HOME = { lat: 45.5, lng: -122.6 };

describe('EVV exception resolution', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const resolve = (user: TestUser, visitId: string, exceptionId: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `/visits/${visitId}/evv-exceptions/${exceptionId}/resolve`,
      headers: user.headers,
      payload,
    });
  const exceptionRow = async (id: string) =>
    (await t.app.deps.db.select().from(schema.evvExceptions).where(eq(schema.evvExceptions.id, id)))[0]!;

  /** A visit checked in 400 m from home, so it carries one open CHECKIN_OUTSIDE_GEOFENCE exception. */
  async function visitWithException() {
    const team = await createTeam(t.app);
    const visit = await createVisitRow(t.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(),
    });
    const response = await t.app.inject({
      method: 'POST',
      url: `/visits/${visit.id}/checkin`,
      headers: team.worker.headers,
      payload: { ...northOf(HOME, 400), accuracyM: 8 },
    });
    const [raised] = response.json().data.exceptionsRaised;
    expect(raised.type).toBe('CHECKIN_OUTSIDE_GEOFENCE');
    return { ...team, visit, exceptionId: raised.id as string };
  }

  it('the client’s supervisor resolves with a reason code; audited; a second resolution is 409', async () => {
    const { supervisor, visit, exceptionId } = await visitWithException();
    const response = await resolve(supervisor, visit.id, exceptionId, {
      reasonCode: 'GPS_INACCURATE',
      note: 'Apartment block; GPS drifts.',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data).toMatchObject({
      id: exceptionId,
      status: 'RESOLVED',
      reasonCode: 'GPS_INACCURATE',
      note: 'Apartment block; GPS drifts.',
      resolvedBy: supervisor.id,
    });
    const row = await exceptionRow(exceptionId);
    expect(row).toMatchObject({ status: 'RESOLVED', reasonCode: 'GPS_INACCURATE', resolvedBy: supervisor.id });
    const audit = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'EVV_EXCEPTION_RESOLVED'), eq(schema.auditLog.entityId, exceptionId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.newValues).toMatchObject({ status: 'RESOLVED', reasonCode: 'GPS_INACCURATE' });

    const again = expectError(
      await resolve(supervisor, visit.id, exceptionId, { reasonCode: 'SCHEDULE_ERROR' }),
      409,
      'CONFLICT',
    );
    expect(again.message).toMatch(/already resolved/);
    expect((await exceptionRow(exceptionId)).reasonCode).toBe('GPS_INACCURATE');
  });

  it('an admin may resolve; the resolution moves the visit to a later EVV sequence number for the next export', async () => {
    const { visit, exceptionId } = await visitWithException();
    const sequenceOf = async () =>
      (await t.app.deps.db.select().from(schema.visits).where(eq(schema.visits.id, visit.id)))[0]!.evvSequence!;
    const before = await sequenceOf();
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const response = await resolve(admin, visit.id, exceptionId, { reasonCode: 'SERVICE_IN_COMMUNITY' });
    expect(response.statusCode, response.body).toBe(200);
    expect(await sequenceOf()).toBeGreaterThan(before);
  });

  it('the worker and the client can see the visit but may not resolve (403, unchanged, denial logged)', async () => {
    const { worker, client, visit, exceptionId } = await visitWithException();
    const before = await exceptionRow(exceptionId);
    for (const user of [worker, client]) {
      expectError(await resolve(user, visit.id, exceptionId, { reasonCode: 'GPS_INACCURATE' }), 403, 'FORBIDDEN');
      const denials = await t.app.deps.db
        .select()
        .from(schema.auditLog)
        .where(and(eq(schema.auditLog.action, 'PERMISSION_DENIED'), eq(schema.auditLog.actorId, user.id)));
      expect(denials.length).toBeGreaterThan(0);
    }
    expect(await exceptionRow(exceptionId)).toEqual(before);
  });

  it('OTHER needs a note (400); an exception of another visit is 404', async () => {
    const { supervisor, visit, exceptionId } = await visitWithException();
    const bad = expectError(
      await resolve(supervisor, visit.id, exceptionId, { reasonCode: 'OTHER' }),
      400,
      'VALIDATION_ERROR',
    );
    expect(bad.details?.map((d) => d.field)).toEqual(['body.note']);
    const unknownCode = expectError(
      await resolve(supervisor, visit.id, exceptionId, { reasonCode: 'BECAUSE' }),
      400,
      'VALIDATION_ERROR',
    );
    expect(unknownCode.details?.map((d) => d.field)).toEqual(['body.reasonCode']);

    const sameTeamVisit = await createVisitRow(t.app, {
      clientId: visit.clientId,
      workerId: null,
      start: new Date(Date.now() + 86_400_000),
    });
    expectError(
      await resolve(supervisor, sameTeamVisit.id, exceptionId, { reasonCode: 'GPS_INACCURATE' }),
      404,
      'NOT_FOUND',
    );
    expect((await exceptionRow(exceptionId)).status).toBe('OPEN');
  });
});
