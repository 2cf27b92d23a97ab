import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import type { TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { createSchedulingTeam, type SchedulingTeam, slot } from './helpers/visits';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

describe('visits: outsiders get 404 on every endpoint, the denial is logged and nothing changes', () => {
  let t: TestApp;
  let a: SchedulingTeam;
  let b: SchedulingTeam;
  let seriesId: string;
  let visitId: string;
  beforeAll(async () => {
    t = await startApp();
    a = await createSchedulingTeam(t.app);
    b = await createSchedulingTeam(t.app);
    const startsOn = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const response = await t.app.inject({
      method: 'POST',
      url: '/visit-series',
      headers: a.supervisor.headers,
      payload: {
        clientId: a.client.id,
        workerId: a.worker.id,
        recurrence: {
          frequency: 'DAILY',
          startsOn,
          count: 3,
          startTime: '10:00',
          durationMinutes: 60,
          timeZone: 'UTC',
        },
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    seriesId = response.json().data.id;
    visitId = response.json().data.visits[0].id;
  });
  afterAll(() => t.close());

  const snapshot = async () => {
    const rows = await t.app.deps.db.select().from(schema.visits).where(eq(schema.visits.seriesId, seriesId));
    const linked = await t.app.deps.db.select().from(schema.visits).where(eq(schema.visits.rescheduledFromId, visitId));
    return { rows: rows.sort((x, y) => x.id.localeCompare(y.id)), linked };
  };
  const denials = (actorId: string) =>
    t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.action, 'PERMISSION_DENIED'),
          eq(schema.auditLog.actorId, actorId),
          eq(schema.auditLog.entityId, visitId),
        ),
      );

  const outsiders = [
    // Booking for a client: workers and clients may not book (403); a supervisor outside the team finds no such client (422).
    { who: 'another worker', actor: () => b.worker, booking: 403 },
    { who: 'a client, for another client', actor: () => b.client, booking: 403 },
    { who: 'a supervisor outside the team', actor: () => b.supervisor, booking: 422 },
  ];
  const endpoints: Array<{ name: string; method: Method; url: () => string; payload?: () => object }> = [
    { name: 'GET /visits/:id', method: 'GET', url: () => `/visits/${visitId}` },
    { name: 'PUT /visits/:id', method: 'PUT', url: () => `/visits/${visitId}`, payload: () => ({ notes: 'hijacked' }) },
    { name: 'DELETE /visits/:id', method: 'DELETE', url: () => `/visits/${visitId}` },
    { name: 'POST /visits/:id/confirm', method: 'POST', url: () => `/visits/${visitId}/confirm` },
    {
      name: 'POST /visits/:id/cancel',
      method: 'POST',
      url: () => `/visits/${visitId}/cancel`,
      payload: () => ({ reason: 'x' }),
    },
    {
      name: 'POST /visits/:id/reschedule',
      method: 'POST',
      url: () => `/visits/${visitId}/reschedule`,
      payload: () => ({ ...slot(50, 9), reason: 'x' }),
    },
    { name: 'POST /visits/:id/no-show', method: 'POST', url: () => `/visits/${visitId}/no-show`, payload: () => ({}) },
    {
      name: 'POST /visits/:id/review',
      method: 'POST',
      url: () => `/visits/${visitId}/review`,
      payload: () => ({ outcome: 'APPROVED' }),
    },
    {
      name: 'PUT /visit-series/:id/occurrences/:visitId',
      method: 'PUT',
      url: () => `/visit-series/${seriesId}/occurrences/${visitId}`,
      payload: () => ({ scope: 'THIS_AND_FOLLOWING', changes: { startTime: '12:00' } }),
    },
    {
      name: 'POST /visit-series/:id/occurrences/:visitId/cancel',
      method: 'POST',
      url: () => `/visit-series/${seriesId}/occurrences/${visitId}/cancel`,
      payload: () => ({ scope: 'THIS_AND_FOLLOWING', reason: 'x' }),
    },
  ];

  describe.each(endpoints)('$name', ({ method, url, payload }) => {
    it.each(outsiders)('$who: 404, the denial logged, the visits unchanged', async ({ who, actor }) => {
      const user: TestUser = actor();
      const before = await snapshot();
      const response = await t.app.inject({
        method,
        url: url(),
        headers: user.headers,
        ...(payload ? { payload: payload() } : {}),
      });
      expectError(response, 404, 'NOT_FOUND');
      expect(response.body, who).not.toContain(a.client.lastName);
      expect(await snapshot()).toEqual(before);
      expect((await denials(user.id)).length, who).toBeGreaterThan(0);
    });
  });

  it.each(outsiders)('GET /visits: $who sees none of the team’s visits', async ({ actor }) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/visits?clientId=${a.client.id}`,
      headers: actor().headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data).toEqual([]);
  });

  it.each(outsiders)(
    'POST /visits and /visit-series: $who cannot book for the team’s client',
    async ({ actor, booking }) => {
      const user = actor();
      const before = await t.app.deps.db.select().from(schema.visits).where(eq(schema.visits.clientId, a.client.id));
      const single = await t.app.inject({
        method: 'POST',
        url: '/visits',
        headers: user.headers,
        payload: { clientId: a.client.id, ...slot(60, 9) },
      });
      expect(single.statusCode, single.body).toBe(booking);
      const series = await t.app.inject({
        method: 'POST',
        url: '/visit-series',
        headers: user.headers,
        payload: {
          clientId: a.client.id,
          recurrence: {
            frequency: 'DAILY',
            startsOn: new Date(Date.now() + 70 * 86_400_000).toISOString().slice(0, 10),
            count: 2,
            startTime: '10:00',
            durationMinutes: 60,
            timeZone: 'UTC',
          },
        },
      });
      expect(series.statusCode, series.body).toBe(b.client === user ? 403 : booking);
      expect(single.body).not.toContain(a.client.lastName);
      expect(
        await t.app.deps.db.select().from(schema.visits).where(eq(schema.visits.clientId, a.client.id)),
      ).toHaveLength(before.length);
    },
  );

  it('GET /workers/available: a supervisor outside the team gets 404 for the client, logged', async () => {
    const { scheduledStart, scheduledEnd } = slot(80, 9);
    const response = await t.app.inject({
      method: 'GET',
      url: `/workers/available?from=${encodeURIComponent(scheduledStart)}&to=${encodeURIComponent(scheduledEnd)}&clientId=${a.client.id}`,
      headers: b.supervisor.headers,
    });
    expectError(response, 404, 'NOT_FOUND');
    const logged = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.action, 'PERMISSION_DENIED'),
          eq(schema.auditLog.actorId, b.supervisor.id),
          eq(schema.auditLog.entityId, a.client.id),
        ),
      );
    expect(logged.length).toBeGreaterThan(0);
  });

  it('a worker sees their own visit but may not reschedule, review, delete or edit the series (403, unchanged)', async () => {
    const before = await snapshot();
    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: a.worker.headers, payload });
    expectError(await post(`/visits/${visitId}/reschedule`, { ...slot(50, 9), reason: 'x' }), 403, 'FORBIDDEN');
    expectError(await post(`/visits/${visitId}/review`, { outcome: 'APPROVED' }), 403, 'FORBIDDEN');
    expectError(
      await t.app.inject({ method: 'DELETE', url: `/visits/${visitId}`, headers: a.worker.headers }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await post(`/visit-series/${seriesId}/occurrences/${visitId}/cancel`, { scope: 'THIS', reason: 'x' }),
      403,
      'FORBIDDEN',
    );
    expect(await snapshot()).toEqual(before);
  });
});
