import { schema } from '@caretracker/database';
import {
  EVV_EXCEPTION_TYPES,
  type EvvExceptionType,
  VISIT_STATUSES,
  type VisitFigures,
  type VisitStatus,
} from '@caretracker/shared';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createCarePlan, createTeam, createUser, type TestUser } from './helpers/factories';
import { insertDose, insertEvvException } from './helpers/report-factories';
import { insertVisit } from './helpers/visits';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TIME_ZONE = 'America/New_York';
const dayIn = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );

/**
 * The visit report against a count made from scratch: the client's raw visits, exceptions and
 * doses read back and counted here, one by one, by the report's rules. It is compared after each
 * change made through the API (cancel, no-show, reschedule, exception resolution, a refused dose,
 * a deleted visit), so a grouped statement that counts a visit twice, misses one, or groups it
 * under the wrong day fails here.
 */
describe('visit report stays an exact count through changes', () => {
  let t: TestApp;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let admin: TestUser;
  let medicationId: string;
  const now = Date.now();
  const ids: Record<string, string> = {};
  const range = { from: dayIn(new Date(now - 4 * DAY)), to: dayIn(new Date(now + 4 * DAY)) };

  beforeAll(async () => {
    t = await startApp();
    team = await createTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    const plan = await createCarePlan(t.app, { clientId: team.client.id, status: 'ACTIVE' });
    medicationId = plan.medicationId;
    const base = { client: team.client, worker: team.worker };
    // Hours apart so none overlaps; one at 03:30 UTC, the day before in New York.
    const at = (offsetHours: number) => new Date(Math.floor((now + offsetHours * HOUR) / HOUR) * HOUR);
    const done = async (offsetHours: number, lateMinutes: number, minutes: number) => {
      const start = at(offsetHours);
      const checkIn = new Date(start.getTime() + lateMinutes * 60_000);
      return insertVisit(t.app, {
        ...base,
        start,
        end: new Date(start.getTime() + HOUR),
        status: 'COMPLETED',
        checkInAt: checkIn,
        checkInLat: 45.5,
        checkInLng: -122.6,
        checkInAccuracyM: 5,
        actualStart: checkIn,
        actualEnd: new Date(checkIn.getTime() + minutes * 60_000),
      });
    };
    const completed1 = await done(-72, 5, 60);
    const completed2 = await done(-50, 40, 30);
    const midnight = new Date(`${dayIn(new Date(now - 2 * DAY))}T03:30:00Z`);
    const completed3 = await insertVisit(t.app, {
      ...base,
      start: midnight,
      end: new Date(midnight.getTime() + HOUR),
      status: 'COMPLETED',
      checkInAt: midnight,
      checkInLat: 45.5,
      checkInLng: -122.6,
      checkInAccuracyM: 5,
      actualStart: midnight,
      actualEnd: new Date(midnight.getTime() + 45 * 60_000),
    });
    const past = await insertVisit(t.app, { ...base, start: at(-30), end: at(-29) });
    const soon = await insertVisit(t.app, { ...base, start: at(5), end: at(6) });
    const later = await insertVisit(t.app, { ...base, start: at(50), end: at(51) });
    const moved = await insertVisit(t.app, { ...base, start: at(74), end: at(75) });
    Object.assign(ids, {
      completed1: completed1.id,
      completed2: completed2.id,
      completed3: completed3.id,
      past: past.id,
      soon: soon.id,
      later: later.id,
      moved: moved.id,
    });
    ids.geofence = (await insertEvvException(t.app, completed1.id, 'CHECKIN_OUTSIDE_GEOFENCE')).id;
    ids.late = (await insertEvvException(t.app, completed2.id, 'LATE_CHECKIN')).id;
    await insertEvvException(t.app, completed2.id, 'CHECKIN_OUTSIDE_GEOFENCE');
    const dose = { visitId: completed1.id, medicationId, recordedBy: team.worker.id };
    await insertDose(t.app, { ...dose, outcome: 'REFUSED', at: completed1.scheduledStart });
    await insertDose(t.app, { ...dose, outcome: 'GIVEN', at: new Date(completed1.scheduledStart.getTime() + 60_000) });
  });
  afterAll(() => t.close());

  const call = (user: TestUser, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    payload === undefined
      ? t.app.inject({ method, url, headers: user.headers })
      : t.app.inject({ method, url, headers: user.headers, payload });

  async function report() {
    const query = `from=${range.from}&to=${range.to}&timeZone=${TIME_ZONE}&groupBy=day&clientId=${team.client.id}`;
    const response = await call(admin, 'GET', `/reports/visits?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data as { groups: Array<VisitFigures & { period: string }>; total: VisitFigures };
  }

  /** The same figures counted in JavaScript from the rows themselves. */
  async function fromScratch(toleranceMinutes: number) {
    const { db } = t.app.deps;
    const rows = (
      await db
        .select()
        .from(schema.visits)
        .where(and(eq(schema.visits.clientId, team.client.id), isNull(schema.visits.deletedAt)))
    ).filter((v) => dayIn(v.scheduledStart) >= range.from && dayIn(v.scheduledStart) <= range.to);
    const visitIds = rows.map((v) => v.id);
    const exceptions = await db
      .select()
      .from(schema.evvExceptions)
      .where(and(inArray(schema.evvExceptions.visitId, visitIds), isNull(schema.evvExceptions.deletedAt)));
    const refused = await db
      .select()
      .from(schema.medicationAdministrations)
      .where(
        and(
          inArray(schema.medicationAdministrations.visitId, visitIds),
          eq(schema.medicationAdministrations.outcome, 'REFUSED'),
          isNull(schema.medicationAdministrations.deletedAt),
        ),
      );
    const figures = (visits: typeof rows): VisitFigures => {
      const mine = new Set(visits.map((v) => v.id));
      const byStatus = Object.fromEntries(VISIT_STATUSES.map((s) => [s, 0])) as Record<VisitStatus, number>;
      for (const v of visits) byStatus[v.status]++;
      const cancelledLate = visits.filter(
        (v) => v.status === 'CANCELLED' && v.cancelledAt && v.cancelledAt.getTime() > v.scheduledStart.getTime() - DAY,
      ).length;
      const checkedIn = visits.filter((v) => v.checkInAt);
      const onTime = checkedIn.filter(
        (v) => Math.abs(v.checkInAt!.getTime() - v.scheduledStart.getTime()) <= toleranceMinutes * 60_000,
      ).length;
      const timed = visits.filter((v) => v.status === 'COMPLETED' && v.actualStart && v.actualEnd);
      const minutes = timed.reduce((sum, v) => sum + (v.actualEnd!.getTime() - v.actualStart!.getTime()) / 60_000, 0);
      const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
      const theirExceptions = exceptions.filter((e) => mine.has(e.visitId));
      const byType = Object.fromEntries(
        EVV_EXCEPTION_TYPES.map((type) => [type, theirExceptions.filter((e) => e.type === type).length]),
      ) as Record<EvvExceptionType, number>;
      return {
        visits: visits.length,
        byStatus,
        cancelledLate,
        completionRate: rate(byStatus.COMPLETED, byStatus.COMPLETED + byStatus.NO_SHOW + cancelledLate),
        checkedIn: checkedIn.length,
        onTime,
        onTimeRate: rate(onTime, checkedIn.length),
        averageActualMinutes: timed.length === 0 ? null : Math.round((minutes / timed.length) * 10) / 10,
        evvExceptions: { total: theirExceptions.length, byType },
        refusedDoses: refused.filter((m) => mine.has(m.visitId)).length,
      };
    };
    const days = [...new Set(rows.map((v) => dayIn(v.scheduledStart)))].sort();
    return {
      groups: days.map((day) => ({ period: day, ...figures(rows.filter((v) => dayIn(v.scheduledStart) === day)) })),
      total: figures(rows),
    };
  }

  async function expectExact() {
    const answer = await report();
    const expected = await fromScratch((answer as unknown as { toleranceMinutes: number }).toleranceMinutes);
    expect(answer.groups).toEqual(expected.groups);
    expect(answer.total).toEqual(expected.total);
    return answer;
  }

  it('matches the count from scratch, then after each change through the API', async () => {
    const first = await expectExact();
    expect(first.total).toMatchObject({ visits: 7, refusedDoses: 1, evvExceptions: { total: 3 } });

    const cancel = await call(team.supervisor, 'POST', `/visits/${ids.soon}/cancel`, { reason: 'Client in hospital' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const cancelled = await expectExact();
    expect(cancelled.total).toMatchObject({ cancelledLate: 1, byStatus: { CANCELLED: 1 } });

    const noShow = await call(team.supervisor, 'POST', `/visits/${ids.past}/no-show`, { reason: 'No answer' });
    expect(noShow.statusCode, noShow.body).toBe(200);
    expect((await expectExact()).total.byStatus.NO_SHOW).toBe(1);

    const newStart = new Date(Math.floor((now + 98 * HOUR) / HOUR) * HOUR);
    const reschedule = await call(team.supervisor, 'POST', `/visits/${ids.moved}/reschedule`, {
      scheduledStart: newStart.toISOString(),
      scheduledEnd: new Date(newStart.getTime() + HOUR).toISOString(),
      reason: 'Client asked for another day',
    });
    expect(reschedule.statusCode, reschedule.body).toBe(201);
    expect((await expectExact()).total.byStatus.RESCHEDULED).toBe(1);

    const resolve = await call(
      team.supervisor,
      'POST',
      `/visits/${ids.completed2}/evv-exceptions/${ids.late}/resolve`,
      {
        reasonCode: 'WORKER_LATE_TRAFFIC',
      },
    );
    expect(resolve.statusCode, resolve.body).toBe(200);
    // Resolved exceptions still count: the report counts what happened, not what is still open.
    expect((await expectExact()).total.evvExceptions.total).toBe(3);

    await insertDose(t.app, {
      visitId: ids.completed3!,
      medicationId,
      recordedBy: team.worker.id,
      outcome: 'REFUSED',
      at: new Date(now - 2 * DAY),
    });
    expect((await expectExact()).total.refusedDoses).toBe(2);

    // A deleted visit leaves the report with its exceptions and doses.
    await t.app.deps.db
      .update(schema.visits)
      .set({ deletedAt: new Date() })
      .where(eq(schema.visits.id, ids.completed1!));
    const afterDelete = await expectExact();
    expect(afterDelete.total).toMatchObject({ refusedDoses: 1, evvExceptions: { total: 2 } });
  });
});
