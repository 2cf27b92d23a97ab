import { schema } from '@caretracker/database';
import { dateInZone, expandRecurrence, type Recurrence, zonedDateTimeToUtc } from '@caretracker/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import type { TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { createSchedulingTeam, insertVisit, type SchedulingTeam } from './helpers/visits';

const TZ = 'America/Los_Angeles';
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('recurring series: all or nothing, occurrence edits and cancellations', () => {
  let t: TestApp;
  let team: SchedulingTeam;
  beforeAll(async () => {
    t = await startApp();
    team = await createSchedulingTeam(t.app);
  });
  afterAll(() => t.close());

  const request = (user: TestUser, method: 'POST' | 'PUT', url: string, payload: object) =>
    t.app.inject({ method, url, headers: user.headers, payload });
  const rule = (startsInDays: number): Recurrence => ({
    frequency: 'WEEKLY',
    daysOfWeek: ['MON', 'WED', 'FRI'],
    startsOn: daysAhead(startsInDays),
    count: 6,
    startTime: '09:00',
    durationMinutes: 60,
    timeZone: TZ,
  });
  const seriesVisits = (seriesId: string) =>
    t.app.deps.db
      .select()
      .from(schema.visits)
      .where(eq(schema.visits.seriesId, seriesId))
      .orderBy(schema.visits.scheduledStart);
  async function createSeries(startsInDays: number) {
    const response = await request(team.supervisor, 'POST', '/visit-series', {
      clientId: team.client.id,
      workerId: team.worker.id,
      recurrence: rule(startsInDays),
      notes: 'Morning routine',
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().data as { id: string; visits: Array<{ id: string; scheduledStart: string }> };
  }

  it('creates the series and every occurrence, wall-clock 09:00 in the series time zone', async () => {
    const series = await createSeries(2);
    const expected = expandRecurrence(rule(2));
    expect(series.visits.map((visit) => visit.scheduledStart)).toEqual(expected.map((o) => o.start.toISOString()));
    const rows = await seriesVisits(series.id);
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row).toMatchObject({
        workerId: team.worker.id,
        status: 'SCHEDULED',
        notes: 'Morning routine',
        rateCents: 3200,
      });
      expect(row.plannedActivities).toEqual(['bathing', 'meal-prep']);
    }
  });

  it('with clashes: 409 listing every clashing occurrence, and nothing is written', async () => {
    const occurrences = expandRecurrence(rule(30));
    const blockers: Array<{ id: string }> = [];
    for (const index of [1, 3]) {
      const o = occurrences[index]!;
      blockers.push(
        await insertVisit(t.app, {
          client: team.client,
          worker: team.worker,
          start: new Date(o.start.getTime() + 30 * 60_000),
          end: new Date(o.end.getTime() + 30 * 60_000),
        }),
      );
    }
    const seriesBefore = await t.app.deps.db
      .select()
      .from(schema.visitSeries)
      .where(eq(schema.visitSeries.clientId, team.client.id));
    const visitsBefore = await t.app.deps.db
      .select()
      .from(schema.visits)
      .where(eq(schema.visits.clientId, team.client.id));
    const response = await request(team.supervisor, 'POST', '/visit-series', {
      clientId: team.client.id,
      workerId: team.worker.id,
      recurrence: rule(30),
    });
    const body = expectError(response, 409, 'CONFLICT') as unknown as { details: { clashes: unknown[] } };
    expect(body.details.clashes).toEqual(
      [1, 3].map((index, i) => ({
        date: occurrences[index]!.date,
        scheduledStart: occurrences[index]!.start.toISOString(),
        scheduledEnd: occurrences[index]!.end.toISOString(),
        clashingVisitId: blockers[i]!.id,
      })),
    );
    expect(
      await t.app.deps.db.select().from(schema.visitSeries).where(eq(schema.visitSeries.clientId, team.client.id)),
    ).toHaveLength(seriesBefore.length);
    expect(
      await t.app.deps.db.select().from(schema.visits).where(eq(schema.visits.clientId, team.client.id)),
    ).toHaveLength(visitsBefore.length);
  });

  it('refuses a series reaching more than a year ahead, starting in the past, or by a client', async () => {
    const tooFar = { ...rule(2), count: undefined, until: daysAhead(2 + 400) };
    const far = expectError(
      await request(team.supervisor, 'POST', '/visit-series', { clientId: team.client.id, recurrence: tooFar }),
      422,
      'UNPROCESSABLE',
    );
    expect(far.details?.[0]?.field).toBe('body.recurrence.until');
    const past = expectError(
      await request(team.supervisor, 'POST', '/visit-series', { clientId: team.client.id, recurrence: rule(-7) }),
      422,
      'UNPROCESSABLE',
    );
    expect(past.details?.[0]?.field).toBe('body.recurrence.startsOn');
    expectError(
      await request(team.client, 'POST', '/visit-series', { clientId: team.client.id, recurrence: rule(2) }),
      403,
      'FORBIDDEN',
    );
  });

  it('edits THIS occurrence only, or THIS_AND_FOLLOWING', async () => {
    const series = await createSeries(60);
    const before = await seriesVisits(series.id);
    const second = before[1]!;
    const url = (visitId: string) => `/visit-series/${series.id}/occurrences/${visitId}`;
    const one = await request(team.supervisor, 'PUT', url(second.id), {
      scope: 'THIS',
      changes: { startTime: '11:00' },
    });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().data.visits).toHaveLength(1);
    let after = await seriesVisits(series.id);
    const localDate = dateInZone(second.scheduledStart, TZ);
    expect(after[1]!.scheduledStart).toEqual(zonedDateTimeToUtc(localDate, '11:00', TZ));
    expect(after[1]!.scheduledEnd.getTime() - after[1]!.scheduledStart.getTime()).toBe(3_600_000);
    expect(after.filter((_, index) => index !== 1).map((row) => row.scheduledStart)).toEqual(
      before.filter((_, index) => index !== 1).map((row) => row.scheduledStart),
    );

    const fourth = before[3]!;
    const rest = await request(team.supervisor, 'PUT', url(fourth.id), {
      scope: 'THIS_AND_FOLLOWING',
      changes: { durationMinutes: 90, notes: 'Longer from now on' },
    });
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json().data.visits.map((visit: { id: string }) => visit.id)).toEqual(
      before.slice(3).map((row) => row.id),
    );
    after = await seriesVisits(series.id);
    for (const [index, row] of after.entries()) {
      const minutes = (row.scheduledEnd.getTime() - row.scheduledStart.getTime()) / 60_000;
      expect(minutes, `occurrence ${index}`).toBe(index >= 3 ? 90 : 60);
      expect(row.notes).toBe(index >= 3 ? 'Longer from now on' : 'Morning routine');
    }
  });

  it('an edit into a clash is 409 listing each clash and changes nothing', async () => {
    const series = await createSeries(90);
    const before = await seriesVisits(series.id);
    const blockerDay = dateInZone(before[4]!.scheduledStart, TZ);
    const blockerStart = zonedDateTimeToUtc(blockerDay, '14:00', TZ);
    const blocker = await insertVisit(t.app, {
      client: team.client,
      worker: team.worker,
      start: blockerStart,
      end: new Date(blockerStart.getTime() + 3_600_000),
    });
    const response = await request(team.supervisor, 'PUT', `/visit-series/${series.id}/occurrences/${before[2]!.id}`, {
      scope: 'THIS_AND_FOLLOWING',
      changes: { startTime: '14:00' },
    });
    const body = expectError(response, 409, 'CONFLICT') as unknown as {
      details: { clashes: Array<{ clashingVisitId: string; date: string }> };
    };
    expect(body.details.clashes).toEqual([expect.objectContaining({ clashingVisitId: blocker.id, date: blockerDay })]);
    expect(await seriesVisits(series.id)).toEqual(before);
  });

  it('cancels THIS occurrence or THIS_AND_FOLLOWING with a reason; a cancelled one cannot be cancelled again', async () => {
    const series = await createSeries(120);
    const before = await seriesVisits(series.id);
    const url = (visitId: string) => `/visit-series/${series.id}/occurrences/${visitId}/cancel`;
    const one = await request(team.supervisor, 'POST', url(before[0]!.id), { scope: 'THIS', reason: 'Holiday' });
    expect(one.statusCode, one.body).toBe(200);
    const rest = await request(team.supervisor, 'POST', url(before[3]!.id), {
      scope: 'THIS_AND_FOLLOWING',
      reason: 'Moving to another agency',
    });
    expect(rest.statusCode, rest.body).toBe(200);
    const after = await seriesVisits(series.id);
    expect(after.map((row) => row.status)).toEqual([
      'CANCELLED',
      'SCHEDULED',
      'SCHEDULED',
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(after[4]!.cancellationReason).toBe('Moving to another agency');
    const again = expectError(
      await request(team.supervisor, 'POST', url(before[0]!.id), { scope: 'THIS', reason: 'x' }),
      409,
      'CONFLICT',
    );
    expect(again.details).toEqual({ status: 'CANCELLED', allowed: [] });
    expectError(
      await request(team.supervisor, 'POST', url(before[1]!.id), { scope: 'SOME', reason: 'x' }),
      400,
      'VALIDATION_ERROR',
    );
    // A visit of another series (or none) is not an occurrence of this one.
    const stray = await insertVisit(t.app, {
      client: team.client,
      worker: null,
      start: before[1]!.scheduledStart,
      end: before[1]!.scheduledEnd,
    });
    expectError(
      await request(team.supervisor, 'POST', url(stray.id), { scope: 'THIS', reason: 'x' }),
      404,
      'NOT_FOUND',
    );
  });
});
