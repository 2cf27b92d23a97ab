import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { hoursFromNow, officeVisit } from './helpers/office';

const DAY = 86_400_000;

describe('visit feedback: ratings and change requests (client portal)', () => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof createTeam>>;
  let b: Awaited<ReturnType<typeof createTeam>>;
  let admin: TestUser;

  const rate = (user: TestUser, visitId: string, payload: unknown) =>
    t.app.inject({
      method: 'PUT',
      url: `/visits/${visitId}/rating`,
      headers: user.headers,
      payload: payload as object,
    });
  const ask = (user: TestUser, visitId: string, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `/visits/${visitId}/change-request`,
      headers: user.headers,
      payload: payload as object,
    });
  const ratingRows = (visitId: string) =>
    t.app.deps.db.select().from(schema.visitRatings).where(eq(schema.visitRatings.visitId, visitId));
  const detail = async (user: TestUser, visitId: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/visits/${visitId}`, headers: user.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data;
  };
  const completed = (team = a, hoursAgo = 30) =>
    officeVisit(t.app, {
      client: team.client,
      worker: team.worker,
      start: hoursFromNow(-hoursAgo),
      status: 'COMPLETED',
    });

  beforeAll(async () => {
    t = await startApp();
    a = await createTeam(t.app);
    b = await createTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
  });
  afterAll(async () => t?.close());

  describe('PUT /visits/:id/rating', () => {
    it('the client rates a completed visit; the office reads it in the visit detail, the worker does not', async () => {
      const visit = await completed();
      const response = await rate(a.client, visit.id, { stars: 4, comment: '  Kind and on time  ' });
      expect(response.statusCode, response.body).toBe(200);
      const rating = response.json().data;
      expect(rating).toMatchObject({ stars: 4, comment: 'Kind and on time' });
      expect(Date.parse(rating.editableUntil) - Date.parse(rating.ratedAt)).toBe(7 * DAY);

      for (const reader of [a.client, a.supervisor, admin]) {
        expect((await detail(reader, visit.id)).rating).toMatchObject({ stars: 4, comment: 'Kind and on time' });
      }
      expect((await detail(a.worker, visit.id)).rating).toBeNull();
    });

    it('one rating per visit: rating again changes it, and an empty comment clears the comment', async () => {
      const visit = await completed(a, 60);
      expect((await rate(a.client, visit.id, { stars: 2, comment: 'Late' })).statusCode).toBe(200);
      const again = await rate(a.client, visit.id, { stars: 5, comment: '' });
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json().data).toMatchObject({ stars: 5, comment: null });
      const rows = await ratingRows(visit.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ stars: 5, comment: null, version: 2 });
    });

    it('a rating older than seven days can no longer be changed (409), and stays as it was', async () => {
      const visit = await completed(a, 24 * 10);
      expect((await rate(a.client, visit.id, { stars: 3 })).statusCode).toBe(200);
      await t.app.deps.db
        .update(schema.visitRatings)
        .set({ createdAt: new Date(Date.now() - 8 * DAY) })
        .where(eq(schema.visitRatings.visitId, visit.id));
      const late = expectError(await rate(a.client, visit.id, { stars: 1 }), 409, 'CONFLICT');
      expect(late.message).toMatch(/no longer be changed/);
      expect((await ratingRows(visit.id))[0]?.stars).toBe(3);
    });

    it('a visit that is not completed cannot be rated (409), nothing written', async () => {
      const upcoming = await officeVisit(t.app, { client: a.client, worker: a.worker, start: hoursFromNow(30) });
      expectError(await rate(a.client, upcoming.id, { stars: 5 }), 409, 'CONFLICT');
      expect(await ratingRows(upcoming.id)).toHaveLength(0);
    });

    it('bad input: stars outside 1–5, not whole, unknown fields → 400 naming the field, nothing written', async () => {
      const visit = await completed(a, 90);
      for (const payload of [{ stars: 0 }, { stars: 6 }, { stars: 3.5 }, {}, { stars: 4, clientId: b.client.id }]) {
        const body = expectError(await rate(a.client, visit.id, payload), 400, 'VALIDATION_ERROR');
        expect(body.details?.length).toBeGreaterThan(0);
      }
      expectError(await rate(a.client, visit.id, { stars: 4, comment: 'x'.repeat(1001) }), 400, 'VALIDATION_ERROR');
      expect(await ratingRows(visit.id)).toHaveLength(0);
    });

    it("outsider: another client's visit is not found (404), the rating unchanged", async () => {
      const theirs = await completed(b, 40);
      expect((await rate(b.client, theirs.id, { stars: 5, comment: 'Lovely' })).statusCode).toBe(200);
      expectError(await rate(a.client, theirs.id, { stars: 1, comment: 'Spite' }), 404, 'NOT_FOUND');
      expectError(await rate(a.client, '00000000-0000-4000-8000-000000000000', { stars: 1 }), 404, 'NOT_FOUND');
      expect((await ratingRows(theirs.id))[0]).toMatchObject({ stars: 5, comment: 'Lovely' });
      const denied = await t.app.deps.db
        .select()
        .from(schema.auditLog)
        .where(and(eq(schema.auditLog.entityId, theirs.id), eq(schema.auditLog.outcome, 'DENIED')));
      expect(denied.length).toBeGreaterThan(0);
    });

    it("staff who see the visit may not rate it for the client (403), another team's supervisor gets 404", async () => {
      const visit = await completed(a, 120);
      expectError(await rate(a.worker, visit.id, { stars: 5 }), 403, 'FORBIDDEN');
      expectError(await rate(a.supervisor, visit.id, { stars: 5 }), 403, 'FORBIDDEN');
      expectError(await rate(admin, visit.id, { stars: 5 }), 403, 'FORBIDDEN');
      expectError(await rate(b.supervisor, visit.id, { stars: 5 }), 404, 'NOT_FOUND');
      expect(await ratingRows(visit.id)).toHaveLength(0);
    });
  });

  describe('POST /visits/:id/change-request', () => {
    const slot = (hours: number) => ({
      preferredStart: hoursFromNow(hours).toISOString(),
      preferredEnd: hoursFromNow(hours + 1).toISOString(),
    });
    const inbox = (user: TestUser, visitId: string) =>
      t.app.deps.db
        .select()
        .from(schema.notifications)
        .where(and(eq(schema.notifications.userId, user.id), eq(schema.notifications.entityId, visitId)));

    it("reaches the client's supervisor with the preferred time and the note; the visit itself is unchanged", async () => {
      const visit = await officeVisit(t.app, { client: a.client, worker: a.worker, start: hoursFromNow(48) });
      const response = await ask(a.client, visit.id, { ...slot(72), note: 'My daughter visits that morning' });
      expect(response.statusCode, response.body).toBe(202);
      expect(response.json().data).toMatchObject({ visitId: visit.id, supervisorNotified: true });
      const [note] = await inbox(a.supervisor, visit.id);
      expect(note?.title).toBe('Change to a visit requested');
      // The note is for the app (it names the client); the stored, emailed text carries neither.
      expect(note).toMatchObject({
        messageKey: 'visitChangeRequested',
        messageParams: {
          note: 'My daughter visits that morning',
          client: `${a.client.firstName} ${a.client.lastName}`,
        },
      });
      expect(note?.body).not.toContain('My daughter');
      expect(await inbox(b.supervisor, visit.id)).toHaveLength(0);
      expect((await detail(a.supervisor, visit.id)).scheduledStart).toBe(visit.scheduledStart.toISOString());
    });

    it('a visit that has started, ended or was cancelled: 409 in plain words, nobody told', async () => {
      const cases = [
        ['COMPLETED', -5],
        ['CANCELLED', 80],
        ['IN_PROGRESS', -0.5],
      ] as const;
      for (const [status, hours] of cases) {
        const visit = await officeVisit(t.app, {
          client: a.client,
          worker: a.worker,
          start: hoursFromNow(hours),
          status,
        });
        const body = expectError(
          await ask(a.client, visit.id, { ...slot(100), note: 'Later please' }),
          409,
          'CONFLICT',
        );
        expect(body.message).toMatch(/not started yet/);
        expect(await inbox(a.supervisor, visit.id)).toHaveLength(0);
      }
    });

    it('bad input: a time in the past, an end before the start, no note → 400 naming the field', async () => {
      const visit = await officeVisit(t.app, { client: a.client, worker: a.worker, start: hoursFromNow(150) });
      const past = expectError(await ask(a.client, visit.id, { ...slot(-5), note: 'x' }), 400, 'VALIDATION_ERROR');
      expect(past.details?.[0]?.field).toBe('preferredStart');
      const backwards = {
        preferredStart: hoursFromNow(10).toISOString(),
        preferredEnd: hoursFromNow(9).toISOString(),
        note: 'x',
      };
      expectError(await ask(a.client, visit.id, backwards), 400, 'VALIDATION_ERROR');
      expectError(await ask(a.client, visit.id, { ...slot(10), note: '  ' }), 400, 'VALIDATION_ERROR');
      expect(await inbox(a.supervisor, visit.id)).toHaveLength(0);
    });

    it("outsider: another client's visit is not found (404); staff 403; nobody told", async () => {
      const theirs = await officeVisit(t.app, { client: b.client, worker: b.worker, start: hoursFromNow(170) });
      expectError(await ask(a.client, theirs.id, { ...slot(200), note: 'Move it' }), 404, 'NOT_FOUND');
      expectError(await ask(b.worker, theirs.id, { ...slot(200), note: 'Move it' }), 403, 'FORBIDDEN');
      expect(await inbox(b.supervisor, theirs.id)).toHaveLength(0);
    });
  });
});
