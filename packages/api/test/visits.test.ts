import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { createSchedulingTeam, HOME, insertVisit, type SchedulingTeam, slot, visitRow } from './helpers/visits';

describe('visits: booking, reading, listing, changing, deleting', () => {
  let t: TestApp;
  let team: SchedulingTeam;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startApp();
    team = await createSchedulingTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
  });
  afterAll(() => t.close());

  const call = (user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  const book = (user: TestUser, body: object) => call(user, 'POST', '/visits', body);

  it('a supervisor books a visit: location, planned activities and rate come from the client, plan and worker', async () => {
    const response = await book(team.supervisor, {
      clientId: team.client.id,
      workerId: team.worker.id,
      ...slot(2, 9),
      notes: 'Ring twice',
    });
    expect(response.statusCode, response.body).toBe(201);
    const visit = response.json().data;
    expect(visit).toMatchObject({
      clientId: team.client.id,
      workerId: team.worker.id,
      carePlanId: team.plan.id,
      status: 'SCHEDULED',
      durationMinutes: 60,
      location: { line1: HOME.line1, city: 'Portland' },
      locationLat: 45.5,
      locationLng: -122.6,
      plannedActivities: ['bathing', 'meal-prep'],
      rateCents: 3200,
      notes: 'Ring twice',
      client: { id: team.client.id, lastName: team.client.lastName },
      worker: { id: team.worker.id },
    });
    const audit = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, visit.id), eq(schema.auditLog.action, 'VISIT_CREATED')));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.dataClassification).toBe('PHI');
  });

  it('GET /visits/:id answers the detail with its lists and records a PHI read', async () => {
    const created = (
      await book(team.supervisor, { clientId: team.client.id, workerId: team.worker.id, ...slot(2, 13) })
    ).json().data;
    const response = await call(team.supervisor, 'GET', `/visits/${created.id}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data).toMatchObject({
      id: created.id,
      evvExceptions: [],
      medicationAdministrations: [],
      amendments: [],
    });
    const reads = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, created.id), eq(schema.auditLog.action, 'PHI_READ')));
    expect(reads.length).toBeGreaterThan(0);
  });

  it('bad input: end before start is 400 naming scheduledEnd; a past start, an unknown client, a foreign care plan are 422', async () => {
    const { scheduledStart, scheduledEnd } = slot(3, 9);
    const backwards = expectError(
      await book(team.supervisor, {
        clientId: team.client.id,
        scheduledStart: scheduledEnd,
        scheduledEnd: scheduledStart,
      }),
      400,
      'VALIDATION_ERROR',
    );
    expect(backwards.details?.map((issue) => issue.field)).toContain('body.scheduledEnd');

    const past = expectError(
      await book(team.supervisor, { clientId: team.client.id, workerId: team.worker.id, ...slot(-1, 9) }),
      422,
      'UNPROCESSABLE',
    );
    expect(past.details?.[0]?.field).toBe('body.scheduledStart');

    const unknown = expectError(
      await book(admin, { clientId: '00000000-0000-4000-8000-000000000000', ...slot(3, 9) }),
      422,
      'UNPROCESSABLE',
    );
    expect(unknown.details?.[0]?.field).toBe('body.clientId');

    const notAClient = expectError(
      await book(admin, { clientId: team.worker.id, ...slot(3, 9) }),
      422,
      'UNPROCESSABLE',
    );
    expect(notAClient.details?.[0]?.field).toBe('body.clientId');

    const other = await createSchedulingTeam(t.app);
    const plan = expectError(
      await book(admin, { clientId: team.client.id, carePlanId: other.plan.id, ...slot(3, 9) }),
      422,
      'UNPROCESSABLE',
    );
    expect(plan.details?.[0]?.field).toBe('body.carePlanId');

    const activities = expectError(
      await book(admin, { clientId: team.client.id, plannedActivities: ['bathing', 'juggling'], ...slot(3, 9) }),
      422,
      'UNPROCESSABLE',
    );
    expect(activities.details?.[0]?.field).toBe('body.plannedActivities');

    const inactive = await createUser(t.app, { role: 'WORKER', supervisorId: team.supervisor.id, isActive: false });
    const worker = expectError(
      await book(team.supervisor, { clientId: team.client.id, workerId: inactive.id, ...slot(3, 9) }),
      422,
      'UNPROCESSABLE',
    );
    expect(worker.details?.[0]?.field).toBe('body.workerId');
  });

  it('only admins set the rate; a supervisor naming rateCents gets 403 naming the field', async () => {
    const refused = expectError(
      await book(team.supervisor, { clientId: team.client.id, rateCents: 9900, ...slot(4, 9) }),
      403,
      'FORBIDDEN',
    );
    expect(refused.details?.[0]?.field).toBe('body.rateCents');
    const response = await book(admin, {
      clientId: team.client.id,
      workerId: team.worker.id,
      rateCents: 4100,
      ...slot(4, 9),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().data.rateCents).toBe(4100);
  });

  it('a client requests a visit for themself: unassigned, SCHEDULED, their supervisor notified', async () => {
    const response = await book(team.client, { clientId: team.client.id, ...slot(5, 15), notes: 'Doctor visit after' });
    expect(response.statusCode, response.body).toBe(201);
    const visit = response.json().data;
    expect(visit).toMatchObject({ workerId: null, worker: null, status: 'SCHEDULED' });
    expect(visit).not.toHaveProperty('rateCents');
    expect(visit).not.toHaveProperty('privateNotes');
    const notes = await t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.userId, team.supervisor.id), eq(schema.notifications.entityId, visit.id)));
    expect(notes).toHaveLength(1);

    const withWorker = expectError(
      await book(team.client, { clientId: team.client.id, workerId: team.worker.id, ...slot(5, 18) }),
      403,
      'FORBIDDEN',
    );
    expect(withWorker.details?.[0]?.field).toBe('body.workerId');
    const other = await createSchedulingTeam(t.app);
    expectError(await book(team.client, { clientId: other.client.id, ...slot(5, 18) }), 403, 'FORBIDDEN');
    expectError(await book(team.worker, { clientId: team.client.id, ...slot(5, 18) }), 403, 'FORBIDDEN');
  });

  it('fields are shaped per role: billing for supervisors and admins, private notes for all but the client', async () => {
    const visit = await insertVisit(t.app, {
      client: team.client,
      worker: team.worker,
      ...{ start: slot(6, 9).scheduledStart, end: slot(6, 9).scheduledEnd },
      privateNotes: 'Family dispute, be careful',
      rateCents: 3000,
      costCents: 3000,
      billableMinutes: 60,
    });
    const seen = async (user: TestUser) => (await call(user, 'GET', `/visits/${visit.id}`)).json().data;
    const asClient = await seen(team.client);
    expect(asClient).not.toHaveProperty('privateNotes');
    expect(asClient).not.toHaveProperty('rateCents');
    expect(asClient).not.toHaveProperty('costCents');
    expect(asClient).not.toHaveProperty('billableMinutes');
    const asWorker = await seen(team.worker);
    expect(asWorker.privateNotes).toBe('Family dispute, be careful');
    expect(asWorker).not.toHaveProperty('rateCents');
    expect(asWorker).not.toHaveProperty('costCents');
    expect(await seen(team.supervisor)).toMatchObject({
      privateNotes: 'Family dispute, be careful',
      rateCents: 3000,
      costCents: 3000,
      billableMinutes: 60,
    });
    expect(await seen(admin)).toMatchObject({ privateNotes: 'Family dispute, be careful', rateCents: 3000 });
    const listed = (await call(team.client, 'GET', `/visits?clientId=${team.client.id}`)).json().data;
    for (const item of listed) expect(item).not.toHaveProperty('privateNotes');
  });

  it('writes per role: worker own private notes; client nothing; supervisor no billing; admin no private notes', async () => {
    const { scheduledStart: start, scheduledEnd: end } = slot(7, 9);
    const visit = await insertVisit(t.app, { client: team.client, worker: team.worker, start, end });
    const put = (user: TestUser, body: object) => call(user, 'PUT', `/visits/${visit.id}`, body);
    const worker = await put(team.worker, { privateNotes: 'Dog is nervous' });
    expect(worker.statusCode, worker.body).toBe(200);
    expect(worker.json().data.privateNotes).toBe('Dog is nervous');
    expect(
      expectError(await put(team.worker, { scheduledStart: slot(7, 10).scheduledStart }), 403, 'FORBIDDEN').details?.[0]
        ?.field,
    ).toBe('body.scheduledStart');
    expectError(await put(team.client, { notes: 'Please come early' }), 403, 'FORBIDDEN');
    expect(expectError(await put(team.supervisor, { billableMinutes: 30 }), 403, 'FORBIDDEN').details?.[0]?.field).toBe(
      'body.billableMinutes',
    );
    expect(expectError(await put(admin, { privateNotes: 'x' }), 403, 'FORBIDDEN').details?.[0]?.field).toBe(
      'body.privateNotes',
    );
    expect((await put(admin, { rateCents: 5000 })).json().data.rateCents).toBe(5000);
    const moved = await put(team.supervisor, { ...slot(7, 11), notes: 'Moved to late morning' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().data).toMatchObject({
      scheduledStart: slot(7, 11).scheduledStart,
      notes: 'Moved to late morning',
    });
    const stale = await put(team.supervisor, { notes: 'stale', version: 1 });
    expectError(stale, 409, 'CONFLICT');
    const bad = expectError(
      await put(team.supervisor, { scheduledEnd: slot(7, 8).scheduledEnd }),
      400,
      'VALIDATION_ERROR',
    );
    expect(bad.details?.[0]?.field).toBe('body.scheduledEnd');
    const updates = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, visit.id), eq(schema.auditLog.action, 'VISIT_UPDATED')));
    expect(updates.length).toBe(3);
    expect(updates.find((row) => Object.hasOwn((row.newValues ?? {}) as object, 'notes'))?.oldValues).toMatchObject({
      notes: null,
    });
  });

  it('lists with filters: client, worker, status, date range, includeCompleted; paged', async () => {
    const mine = await createSchedulingTeam(t.app);
    const at = (days: number) => ({ start: slot(days, 9).scheduledStart, end: slot(days, 9).scheduledEnd });
    const a = await insertVisit(t.app, { client: mine.client, worker: mine.worker, ...at(10) });
    const b = await insertVisit(t.app, { client: mine.client, worker: mine.worker, ...at(11), status: 'CONFIRMED' });
    const c = await insertVisit(t.app, { client: mine.client, worker: mine.worker, ...at(-2), status: 'COMPLETED' });
    const d = await insertVisit(t.app, { client: mine.client, worker: null, ...at(12) });
    const ids = async (query: string, user: TestUser = mine.supervisor) => {
      const response = await call(user, 'GET', `/visits?clientId=${mine.client.id}&${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().data.map((visit: { id: string }) => visit.id);
    };
    expect(await ids('')).toEqual([c.id, a.id, b.id, d.id]);
    expect(await ids('includeCompleted=false')).toEqual([a.id, b.id, d.id]);
    expect(await ids('status=CONFIRMED')).toEqual([b.id]);
    expect(await ids(`workerId=${mine.worker.id}`)).toEqual([c.id, a.id, b.id]);
    expect(await ids(`dateFrom=${slot(10, 0).scheduledStart}&dateTo=${slot(12, 0).scheduledStart}`)).toEqual([
      a.id,
      b.id,
    ]);
    const page = (await call(mine.supervisor, 'GET', `/visits?clientId=${mine.client.id}&limit=2&page=2`)).json();
    expect(page.pagination).toEqual({ page: 2, limit: 2, total: 4, totalPages: 2 });
    expect(page.data.map((visit: { id: string }) => visit.id)).toEqual([b.id, d.id]);
    expect(await ids('', mine.worker)).toEqual([c.id, a.id, b.id]);
    expect(await ids('', team.supervisor)).toEqual([]);
    expectError(await call(mine.supervisor, 'GET', '/visits?limit=101'), 400, 'VALIDATION_ERROR');
  });

  it('DELETE is a soft delete by admins only (403 for the supervisor), freeing the slot', async () => {
    const s = slot(8, 9);
    const visit = await insertVisit(t.app, {
      client: team.client,
      worker: team.worker,
      start: s.scheduledStart,
      end: s.scheduledEnd,
    });
    expectError(await call(team.supervisor, 'DELETE', `/visits/${visit.id}`), 403, 'FORBIDDEN');
    expect((await visitRow(t.app, visit.id))?.deletedAt).toBeNull();
    const response = await call(admin, 'DELETE', `/visits/${visit.id}`);
    expect(response.statusCode, response.body).toBe(200);
    expect((await visitRow(t.app, visit.id))?.deletedAt).toBeInstanceOf(Date);
    expectError(await call(admin, 'GET', `/visits/${visit.id}`), 404, 'NOT_FOUND');
    const rebooked = await book(team.supervisor, { clientId: team.client.id, workerId: team.worker.id, ...s });
    expect(rebooked.statusCode, rebooked.body).toBe(201);
  });
});
