import { schema } from '@caretracker/database';
import { VISIT_TRANSITIONS } from '@caretracker/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textDigest } from '../src/modules/audit/values';
import { startApp, type TestApp } from './helpers/app';
import { createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { createSchedulingTeam, insertVisit, type SchedulingTeam, slot, visitRow } from './helpers/visits';

describe('visit lifecycle: confirm, cancel, no-show, reschedule, review, amendments', () => {
  let t: TestApp;
  let team: SchedulingTeam;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startApp();
    team = await createSchedulingTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
  });
  afterAll(() => t.close());

  const post = (user: TestUser, url: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: user.headers, ...(payload ? { payload } : {}) });
  let day = 10;
  /** A fresh upcoming visit on its own day, so visits never clash. */
  const upcoming = (extra: Partial<typeof schema.visits.$inferInsert> = {}) => {
    const s = slot(day++, 9);
    return insertVisit(t.app, {
      client: team.client,
      worker: team.worker,
      start: s.scheduledStart,
      end: s.scheduledEnd,
      ...extra,
    });
  };
  const past = (extra: Partial<typeof schema.visits.$inferInsert> = {}) => {
    const s = slot(-day++, 9);
    return insertVisit(t.app, {
      client: team.client,
      worker: team.worker,
      start: s.scheduledStart,
      end: s.scheduledEnd,
      ...extra,
    });
  };

  it('confirm: by the client, the worker, the supervisor and the admin; a second confirm is 409 with the allowed list', async () => {
    for (const user of [team.client, team.worker, team.supervisor, admin]) {
      const visit = await upcoming();
      const response = await post(user, `/visits/${visit.id}/confirm`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().data).toMatchObject({ status: 'CONFIRMED' });
      expect((await visitRow(t.app, visit.id))?.confirmedBy).toBe(user.id);
    }
    const visit = await upcoming({ status: 'CONFIRMED' });
    const refused = expectError(await post(team.supervisor, `/visits/${visit.id}/confirm`), 409, 'CONFLICT');
    expect(refused.details).toEqual({ status: 'CONFIRMED', allowed: [...VISIT_TRANSITIONS.CONFIRMED] });
  });

  it('cancel needs a reason; the client cancels own upcoming visits, not past ones; the worker may not', async () => {
    const visit = await upcoming({ status: 'CONFIRMED' });
    expectError(await post(team.client, `/visits/${visit.id}/cancel`, {}), 400, 'VALIDATION_ERROR');
    expectError(await post(team.worker, `/visits/${visit.id}/cancel`, { reason: 'busy' }), 403, 'FORBIDDEN');
    const response = await post(team.client, `/visits/${visit.id}/cancel`, { reason: 'In hospital' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data).toMatchObject({ status: 'CANCELLED', cancellationReason: 'In hospital' });
    const told = await t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.entityId, visit.id), eq(schema.notifications.userId, team.worker.id)));
    expect(told).toHaveLength(1);
    const again = expectError(
      await post(team.supervisor, `/visits/${visit.id}/cancel`, { reason: 'x' }),
      409,
      'CONFLICT',
    );
    expect(again.details).toEqual({ status: 'CANCELLED', allowed: [] });

    const started = await past();
    expectError(await post(team.client, `/visits/${started.id}/cancel`, { reason: 'late' }), 403, 'FORBIDDEN');
    expect((await visitRow(t.app, started.id))?.status).toBe('SCHEDULED');
    const bySupervisor = await post(team.supervisor, `/visits/${started.id}/cancel`, { reason: 'Client away' });
    expect(bySupervisor.json().data.status).toBe('CANCELLED');
  });

  it('no-show: supervisors and admins, once the visit should have started; not from IN_PROGRESS', async () => {
    const future = await upcoming();
    expectError(await post(team.supervisor, `/visits/${future.id}/no-show`, {}), 422, 'UNPROCESSABLE');
    const missed = await past();
    expectError(await post(team.client, `/visits/${missed.id}/no-show`, {}), 403, 'FORBIDDEN');
    expectError(await post(team.worker, `/visits/${missed.id}/no-show`, {}), 403, 'FORBIDDEN');
    const response = await post(team.supervisor, `/visits/${missed.id}/no-show`, { reason: 'Nobody answered' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data.status).toBe('NO_SHOW');
    const under = await past({ status: 'IN_PROGRESS' });
    const refused = expectError(await post(admin, `/visits/${under.id}/no-show`, {}), 409, 'CONFLICT');
    expect(refused.details).toEqual({ status: 'IN_PROGRESS', allowed: ['COMPLETED'] });
  });

  it('every refused transition from a final status answers 409 listing none allowed', async () => {
    for (const status of ['COMPLETED', 'NO_SHOW', 'RESCHEDULED'] as const) {
      const visit = await past({ status });
      for (const [action, body] of [
        ['confirm', undefined],
        ['cancel', { reason: 'r' }],
        ['no-show', {}],
        ['reschedule', { ...slot(day++, 9), reason: 'r' }],
      ] as const) {
        const refused = expectError(await post(admin, `/visits/${visit.id}/${action}`, body), 409, 'CONFLICT');
        expect(refused.details, `${status} ${action}`).toEqual({ status, allowed: [] });
      }
      expect((await visitRow(t.app, visit.id))?.status).toBe(status);
    }
  });

  it('reschedule marks the old visit RESCHEDULED and links the new one both ways', async () => {
    const old = await upcoming({ notes: 'Bring gloves', privateNotes: 'Key under mat' });
    const other = await createUser(t.app, {
      role: 'WORKER',
      supervisorId: team.supervisor.id,
      profile: { hourlyRateCents: 4000 },
    });
    expectError(
      await post(team.client, `/visits/${old.id}/reschedule`, { ...slot(40, 9), reason: 'x' }),
      403,
      'FORBIDDEN',
    );
    const response = await post(team.supervisor, `/visits/${old.id}/reschedule`, {
      ...slot(40, 9),
      workerId: other.id,
      reason: 'Client asked for a later day',
    });
    expect(response.statusCode, response.body).toBe(201);
    const replacement = response.json().data;
    expect(replacement).toMatchObject({
      status: 'SCHEDULED',
      workerId: other.id,
      rescheduledFromId: old.id,
      notes: 'Bring gloves',
      privateNotes: 'Key under mat',
      rateCents: 4000,
      ...slot(40, 9),
    });
    expect(await visitRow(t.app, old.id)).toMatchObject({ status: 'RESCHEDULED', rescheduledToId: replacement.id });
  });

  it('reschedule into a clash is 409 and writes nothing', async () => {
    const blocker = await upcoming();
    const old = await upcoming();
    const before = await visitRow(t.app, old.id);
    const clash = expectError(
      await post(team.supervisor, `/visits/${old.id}/reschedule`, {
        scheduledStart: blocker.scheduledStart.toISOString(),
        scheduledEnd: blocker.scheduledEnd.toISOString(),
        reason: 'move',
      }),
      409,
      'CONFLICT',
    );
    expect((clash.details as unknown as { clashingVisitId: string }).clashingVisitId).toBe(blocker.id);
    expect(await visitRow(t.app, old.id)).toEqual(before);
    const replacements = await t.app.deps.db
      .select()
      .from(schema.visits)
      .where(eq(schema.visits.rescheduledFromId, old.id));
    expect(replacements).toHaveLength(0);
    // The same worker may move within overlapping hours of the visit being moved.
    const shifted = new Date(old.scheduledStart.getTime() + 30 * 60_000);
    const moved = await post(team.supervisor, `/visits/${old.id}/reschedule`, {
      scheduledStart: shifted.toISOString(),
      scheduledEnd: new Date(shifted.getTime() + 3_600_000).toISOString(),
      reason: 'half an hour later',
    });
    expect(moved.statusCode, moved.body).toBe(201);
  });

  it('review: supervisors and admins, completed visits only', async () => {
    const scheduled = await upcoming();
    expect(
      expectError(
        await post(team.supervisor, `/visits/${scheduled.id}/review`, { outcome: 'APPROVED' }),
        409,
        'CONFLICT',
      ).details,
    ).toEqual({ status: 'SCHEDULED' });
    const done = await past({ status: 'COMPLETED', checkOutAt: new Date() });
    expectError(await post(team.worker, `/visits/${done.id}/review`, { outcome: 'APPROVED' }), 403, 'FORBIDDEN');
    const response = await post(team.supervisor, `/visits/${done.id}/review`, {
      outcome: 'NEEDS_FOLLOW_UP',
      notes: 'Check the pressure sore',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data.review).toMatchObject({
      outcome: 'NEEDS_FOLLOW_UP',
      notes: 'Check the pressure sore',
      reviewedBy: team.supervisor.id,
    });
  });

  it('amending a completed visit needs a reason code and keeps every original value in the history', async () => {
    const done = await past({
      status: 'COMPLETED',
      notes: 'Bathed and fed',
      vitals: { pulse: 72 },
      privateNotes: 'Tired',
      checkOutAt: new Date(Date.now() - 3_600_000),
    });
    const put = (user: TestUser, body: object) =>
      t.app.inject({ method: 'PUT', url: `/visits/${done.id}`, headers: user.headers, payload: body });
    const missing = expectError(await put(team.supervisor, { notes: 'Bathed, fed, walked' }), 422, 'UNPROCESSABLE');
    expect(missing.details).toEqual([expect.objectContaining({ field: 'body.reasonCode' })]);
    const response = await put(team.supervisor, {
      notes: 'Bathed, fed, walked',
      vitals: { pulse: 76 },
      privateNotes: 'Very tired',
      reasonCode: 'DOCUMENTATION_CORRECTION',
      reasonNote: 'Worker phoned in the walk',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data).toMatchObject({ notes: 'Bathed, fed, walked', vitals: { pulse: 76 } });

    const detail = (
      await t.app.inject({ method: 'GET', url: `/visits/${done.id}`, headers: team.supervisor.headers })
    ).json().data;
    expect(detail.amendments).toHaveLength(3);
    expect(detail.amendments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'notes',
          oldValue: 'Bathed and fed',
          newValue: 'Bathed, fed, walked',
          reasonCode: 'DOCUMENTATION_CORRECTION',
          note: 'Worker phoned in the walk',
          changedBy: team.supervisor.id,
        }),
        expect.objectContaining({ field: 'vitals', oldValue: { pulse: 72 }, newValue: { pulse: 76 } }),
      ]),
    );
    // The client sees the history of what they may read, never the private notes.
    const asClient = (
      await t.app.inject({ method: 'GET', url: `/visits/${done.id}`, headers: team.client.headers })
    ).json().data;
    expect(asClient.amendments.map((a: { field: string }) => a.field).sort()).toEqual(['notes', 'vitals']);
    expect(JSON.stringify(asClient)).not.toContain('tired');
    const audit = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, done.id), eq(schema.auditLog.action, 'VISIT_AMENDED')));
    expect(audit).toHaveLength(1);
    // The amendment keeps the words; the trail their length and hash.
    expect(audit[0]?.oldValues).toMatchObject({ notes: textDigest('Bathed and fed') });
  });

  it('a worker amends their own documentation within 24 h of check-out, not later; a cancelled visit does not change', async () => {
    const recent = await past({ status: 'COMPLETED', notes: 'ok', checkOutAt: new Date(Date.now() - 2 * 3_600_000) });
    const put = (id: string, body: object) =>
      t.app.inject({ method: 'PUT', url: `/visits/${id}`, headers: team.worker.headers, payload: body });
    const ok = await put(recent.id, { notes: 'ok, client ate well', reasonCode: 'DOCUMENTATION_CORRECTION' });
    expect(ok.statusCode, ok.body).toBe(200);
    expectError(await put(recent.id, { rateCents: 1, reasonCode: 'OTHER' }), 403, 'FORBIDDEN');
    const old = await past({ status: 'COMPLETED', notes: 'ok', checkOutAt: new Date(Date.now() - 30 * 3_600_000) });
    expectError(await put(old.id, { notes: 'changed', reasonCode: 'DOCUMENTATION_CORRECTION' }), 403, 'FORBIDDEN');
    expect((await visitRow(t.app, old.id))?.notes).toBe('ok');
    const cancelled = await upcoming({ status: 'CANCELLED', cancellationReason: 'ill' });
    expectError(
      await t.app.inject({
        method: 'PUT',
        url: `/visits/${cancelled.id}`,
        headers: team.supervisor.headers,
        payload: { notes: 'x' },
      }),
      409,
      'CONFLICT',
    );
  });
});
