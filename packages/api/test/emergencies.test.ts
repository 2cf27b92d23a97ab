import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createVisitRow } from './helpers/care-factories';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

type Team = Awaited<ReturnType<typeof createTeam>>;

describe('emergency alerts: raise, notify, acknowledge, resolve', () => {
  let t: TestApp;
  let a: Team;
  let b: Team;
  let admin: TestUser;
  let visitA: { id: string };
  let visitB: { id: string };
  beforeAll(async () => {
    t = await startApp();
    a = await createTeam(t.app);
    b = await createTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    visitA = await createVisitRow(t.app, {
      clientId: a.client.id,
      workerId: a.worker.id,
      start: new Date(),
      status: 'IN_PROGRESS',
    });
    visitB = await createVisitRow(t.app, { clientId: b.client.id, workerId: b.worker.id, start: new Date() });
  });
  afterAll(() => t.close());

  /** A visit of team A's of its own: presses for one client and visit within minutes join one alert. */
  let hoursAhead = 0;
  const freshVisitA = () => {
    hoursAhead += 2;
    return createVisitRow(t.app, {
      clientId: a.client.id,
      workerId: a.worker.id,
      start: new Date(Date.now() + hoursAhead * 3_600_000),
      status: 'IN_PROGRESS',
    });
  };
  const call = (user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  const raise = async (user: TestUser, payload: object) => {
    const response = await call(user, 'POST', '/emergencies', payload);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().data;
  };
  const alertRow = async (id: string) =>
    (await t.app.deps.db.select().from(schema.emergencyAlerts).where(eq(schema.emergencyAlerts.id, id)))[0];
  const events = (id: string) =>
    t.app.deps.db.select().from(schema.emergencyAlertEvents).where(eq(schema.emergencyAlertEvents.alertId, id));
  const notificationsFor = (id: string) =>
    t.app.deps.db.select().from(schema.notifications).where(eq(schema.notifications.entityId, id));
  const auditActions = async (id: string) =>
    (await t.app.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, id))).map(
      (row) => row.action,
    );

  it('a worker raises one from their visit: the client’s supervisor and every admin are told at once, urgently', async () => {
    const alert = await raise(a.worker, { visitId: visitA.id, message: 'Client fell', lat: 45.5, lng: -122.6 });
    expect(alert).toMatchObject({
      status: 'OPEN',
      visitId: visitA.id,
      message: 'Client fell',
      lat: 45.5,
      client: { id: a.client.id },
      raisedBy: { id: a.worker.id, role: 'WORKER' },
    });
    expect(alert.timeline.map((e: { type: string }) => e.type)).toEqual(['RAISED', 'NOTIFIED']);
    const told = await notificationsFor(alert.id);
    const toldIds = told.map((n) => n.userId);
    expect(toldIds).toContain(a.supervisor.id);
    expect(toldIds).toContain(admin.id);
    expect(toldIds).not.toContain(b.supervisor.id);
    expect(toldIds).not.toContain(a.worker.id);
    expect(told.every((n) => n.urgent && n.category === 'EMERGENCY' && n.emailedAt !== null)).toBe(true);
    // Emailed at once (no SMTP here: the mail is kept in the outbox). Every admin in the shared
    // database also hears of other files' alerts, so only the supervisor's count is exact.
    const outboxOf = async (user: TestUser) =>
      (
        await t.app.deps.db.select().from(schema.emailOutbox).where(eq(schema.emailOutbox.toAddress, user.email))
      ).filter((mail) => mail.subject === 'CareTracker: Emergency alert');
    expect(await outboxOf(a.supervisor)).toHaveLength(1);
    expect((await outboxOf(admin)).length).toBeGreaterThanOrEqual(1);
    expect(await auditActions(alert.id)).toEqual(expect.arrayContaining(['EMERGENCY_RAISED', 'EMERGENCY_NOTIFIED']));
  });

  it('a client raises one for themself, with or without a visit of theirs', async () => {
    const alert = await raise(a.client, {});
    expect(alert).toMatchObject({
      status: 'OPEN',
      visitId: null,
      client: { id: a.client.id },
      raisedBy: { id: a.client.id },
    });
    const visit = await freshVisitA();
    const withVisit = await raise(a.client, { visitId: visit.id });
    expect(withVisit.visitId).toBe(visit.id);
    const told = await notificationsFor(alert.id);
    expect(told.map((n) => n.userId)).toContain(a.supervisor.id);
    // Worded as the client's own alert ("Pat raised…"), not as one raised for them by someone else.
    expect(told[0]?.messageParams).toMatchObject({ raisedBy: 'SELF' });
  });

  it('refuses what is not theirs to raise, with nothing written', async () => {
    const count = async () =>
      (
        await t.app.deps.db
          .select()
          .from(schema.emergencyAlerts)
          .where(eq(schema.emergencyAlerts.raisedBy, a.worker.id))
      ).length;
    const before = await count();
    expectError(await call(a.worker, 'POST', '/emergencies', {}), 422, 'UNPROCESSABLE');
    expectError(await call(a.worker, 'POST', '/emergencies', { visitId: visitB.id }), 404, 'NOT_FOUND');
    expectError(await call(a.client, 'POST', '/emergencies', { visitId: visitB.id }), 404, 'NOT_FOUND');
    expectError(await call(a.supervisor, 'POST', '/emergencies', {}), 403, 'FORBIDDEN');
    expectError(await call(a.worker, 'POST', '/emergencies', { visitId: visitA.id, lat: 45 }), 400, 'VALIDATION_ERROR');
    expect(await count()).toBe(before);
    const denied = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'PERMISSION_DENIED'), eq(schema.auditLog.entityId, visitB.id)));
    expect(denied.map((row) => row.actorId).sort()).toEqual([a.worker.id, a.client.id].sort());
  });

  it('the supervisor acknowledges, an admin resolves with a note; the raiser hears of both; every step audited', async () => {
    const alert = await raise(a.worker, { visitId: (await freshVisitA()).id });
    const acked = await call(a.supervisor, 'POST', `/emergencies/${alert.id}/ack`, { note: 'On my way' });
    expect(acked.statusCode, acked.body).toBe(200);
    expect(acked.json().data).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedBy: a.supervisor.id });
    expectError(await call(admin, 'POST', `/emergencies/${alert.id}/ack`, {}), 409, 'CONFLICT');
    expectError(await call(admin, 'POST', `/emergencies/${alert.id}/resolve`, {}), 400, 'VALIDATION_ERROR');
    const resolved = await call(admin, 'POST', `/emergencies/${alert.id}/resolve`, {
      note: 'Ambulance took client to hospital',
    });
    expect(resolved.json().data).toMatchObject({
      status: 'RESOLVED',
      resolvedBy: admin.id,
      resolutionNote: 'Ambulance took client to hospital',
    });
    expect(resolved.json().data.timeline.map((e: { type: string; note: string | null }) => [e.type, e.note])).toEqual([
      ['RAISED', null],
      ['NOTIFIED', expect.any(String)],
      ['ACKNOWLEDGED', 'On my way'],
      ['RESOLVED', 'Ambulance took client to hospital'],
    ]);
    expectError(await call(admin, 'POST', `/emergencies/${alert.id}/resolve`, { note: 'again' }), 409, 'CONFLICT');
    const updates = (await notificationsFor(alert.id)).filter((n) => n.category === 'EMERGENCY_UPDATE');
    expect(updates.map((n) => [n.userId, n.title])).toEqual(
      expect.arrayContaining([
        [a.worker.id, 'Emergency alert acknowledged'],
        [a.worker.id, 'Emergency alert resolved'],
      ]),
    );
    expect(await auditActions(alert.id)).toEqual(
      expect.arrayContaining([
        'EMERGENCY_RAISED',
        'EMERGENCY_NOTIFIED',
        'EMERGENCY_ACKNOWLEDGED',
        'EMERGENCY_RESOLVED',
      ]),
    );
    const resolvedAudit = (
      await t.app.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, alert.id))
    ).find((row) => row.action === 'EMERGENCY_RESOLVED');
    expect(resolvedAudit).toMatchObject({ actorId: admin.id, oldValues: { status: 'ACKNOWLEDGED' } });
  });

  it('an open alert can be resolved directly; workers and clients cannot answer alerts they see (403)', async () => {
    const alert = await raise(a.client, { visitId: (await freshVisitA()).id });
    expectError(await call(a.worker, 'POST', `/emergencies/${alert.id}/ack`, {}), 403, 'FORBIDDEN');
    expectError(await call(a.client, 'POST', `/emergencies/${alert.id}/resolve`, { note: 'fine' }), 403, 'FORBIDDEN');
    expect((await alertRow(alert.id))?.status).toBe('OPEN');
    const resolved = await call(a.supervisor, 'POST', `/emergencies/${alert.id}/resolve`, { note: 'False alarm' });
    expect(resolved.json().data.status).toBe('RESOLVED');
  });

  it('lists open alerts first, each role seeing only its own', async () => {
    const resolved = await raise(b.client, {});
    await call(b.supervisor, 'POST', `/emergencies/${resolved.id}/resolve`, { note: 'ok' });
    const acked = await raise(b.worker, { visitId: visitB.id });
    await call(b.supervisor, 'POST', `/emergencies/${acked.id}/ack`, {});
    const open = await raise(b.client, { message: 'help' });
    const list = await call(b.supervisor, 'GET', `/emergencies?clientId=${b.client.id}`);
    expect(list.json().data.map((x: { id: string }) => x.id)).toEqual([open.id, acked.id, resolved.id]);
    const onlyOpen = await call(b.client, 'GET', '/emergencies?status=OPEN');
    expect(onlyOpen.json().data.map((x: { id: string }) => x.id)).toEqual([open.id]);
    const asWorker = (await call(b.worker, 'GET', '/emergencies')).json().data.map((x: { id: string }) => x.id);
    expect(asWorker).toEqual([open.id, acked.id, resolved.id]);
    const outsider = (await call(a.supervisor, 'GET', `/emergencies?clientId=${b.client.id}`)).json();
    expect(outsider.data).toEqual([]);
    const detail = await call(b.client, 'GET', `/emergencies/${acked.id}`);
    expect(detail.json().data.timeline.map((e: { type: string }) => e.type)).toEqual([
      'RAISED',
      'NOTIFIED',
      'ACKNOWLEDGED',
    ]);
    const reads = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.action, 'PHI_READ'),
          eq(schema.auditLog.entityId, acked.id),
          eq(schema.auditLog.actorId, b.client.id),
        ),
      );
    expect(reads.length).toBeGreaterThanOrEqual(1);
  });

  it('outsiders get 404 on read, acknowledge and resolve; the alert is unchanged and the denial logged', async () => {
    const alert = await raise(a.worker, { visitId: (await freshVisitA()).id });
    const before = await alertRow(alert.id);
    const eventsBefore = await events(alert.id);
    const otherClient = await createUser(t.app, { role: 'CLIENT', supervisorId: b.supervisor.id });
    for (const outsider of [b.supervisor, b.worker, b.client, otherClient]) {
      expectError(await call(outsider, 'GET', `/emergencies/${alert.id}`), 404, 'NOT_FOUND');
      expectError(await call(outsider, 'POST', `/emergencies/${alert.id}/ack`, {}), 404, 'NOT_FOUND');
      expectError(await call(outsider, 'POST', `/emergencies/${alert.id}/resolve`, { note: 'x' }), 404, 'NOT_FOUND');
      const denials = await t.app.deps.db
        .select()
        .from(schema.auditLog)
        .where(
          and(
            eq(schema.auditLog.action, 'PERMISSION_DENIED'),
            eq(schema.auditLog.entityId, alert.id),
            eq(schema.auditLog.actorId, outsider.id),
          ),
        );
      expect(denials).toHaveLength(3);
    }
    expect(await alertRow(alert.id)).toEqual(before);
    expect(await events(alert.id)).toEqual(eventsBefore);
    expectError(await t.app.inject({ method: 'GET', url: `/emergencies/${alert.id}` }), 401, 'UNAUTHORIZED');
  });
});
