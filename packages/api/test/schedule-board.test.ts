import { readFileSync } from 'node:fs';
import { MIGRATIONS_FOLDER, schema } from '@caretracker/database';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { createSchedulingTeam, insertVisit, type SchedulingTeam, visitRow } from './helpers/visits';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** 00:00 UTC `days` from today (the board's days are UTC here: AGENCY_TIMEZONE=UTC). */
const midnight = (days: number) =>
  new Date(`${new Date(Date.now() + days * DAY).toISOString().slice(0, 10)}T00:00:00Z`);
const at = (days: number, hour: number) => new Date(midnight(days).getTime() + hour * HOUR);

type Lane = {
  worker: { id: string; inTeam: boolean; skills: string[] | null; availability: unknown[] | null };
  visits: Array<{ id: string; status: string; client: { id: string }; noShowReason: string | null }>;
  bookedMinutes: number;
};

describe('GET /office/schedule: the scheduling board in one request', () => {
  let t: TestApp;
  let a: SchedulingTeam;
  let b: SchedulingTeam;
  let second: TestUser;
  let admin: TestUser;
  const v: Record<string, string> = {};
  const from = midnight(3).toISOString().slice(0, 10);
  beforeAll(async () => {
    t = await startApp({ config: { AGENCY_TIMEZONE: 'UTC' } });
    a = await createSchedulingTeam(t.app);
    b = await createSchedulingTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    second = await createUser(t.app, {
      role: 'WORKER',
      supervisorId: a.supervisor.id,
      profile: { skills: ['Lifting'] },
    });
    const visit = async (key: string, values: Omit<Parameters<typeof insertVisit>[1], 'end'> & { hours?: number }) => {
      const start = new Date(values.start);
      v[key] = (
        await insertVisit(t.app, { ...values, end: new Date(start.getTime() + (values.hours ?? 1) * HOUR) })
      ).id;
    };
    await visit('morning', { client: a.client, worker: a.worker, start: at(3, 9) });
    await visit('afternoon', { client: a.client, worker: a.worker, start: at(4, 14), hours: 2 });
    await visit('secondWorker', { client: a.client, worker: second, start: at(5, 10) });
    await visit('open', { client: a.client, worker: null, start: at(6, 11) });
    await visit('cancelled', {
      client: a.client,
      worker: a.worker,
      start: at(6, 9),
      status: 'CANCELLED',
      cancellationReason: 'Client away',
    });
    // A worker of team B covers one of team A's visits; team B's own visit is not on A's board.
    await visit('borrowed', { client: a.client, worker: b.worker, start: at(7, 8) });
    await visit('otherTeam', { client: b.client, worker: b.worker, start: at(5, 8) });
    await visit('nextWeek', { client: a.client, worker: a.worker, start: at(11, 9) });
  });
  afterAll(() => t.close());

  const board = async (user: TestUser, query: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/office/schedule?${query}`, headers: user.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data as {
      lanes: Lane[];
      unassigned: Array<{ id: string }>;
      range: object;
      truncated: boolean;
    };
  };
  const laneOf = (data: { lanes: Lane[] }, workerId: string) => data.lanes.find((lane) => lane.worker.id === workerId);

  it("a week by worker with skills and availability, the unassigned lane, and a borrowed worker's lane", async () => {
    const data = await board(a.supervisor, `from=${from}&days=7`);
    expect(data.range).toEqual({ start: midnight(3).toISOString(), end: midnight(10).toISOString() });
    const mine = laneOf(data, a.worker.id)!;
    expect(mine.worker).toMatchObject({ inTeam: true, skills: ['Dementia care', 'Lifting'] });
    expect(mine.worker.availability).toHaveLength(7);
    expect(mine.visits.map((visit) => visit.id)).toEqual([v.morning, v.afternoon]);
    expect(mine.bookedMinutes).toBe(180);
    expect(laneOf(data, second.id)!.visits.map((visit) => visit.id)).toEqual([v.secondWorker]);
    expect(data.unassigned.map((visit) => visit.id)).toEqual([v.open]);
    const borrowed = laneOf(data, b.worker.id)!;
    expect(borrowed.worker).toMatchObject({ inTeam: false, skills: null, availability: null });
    expect(borrowed.visits.map((visit) => visit.id)).toEqual([v.borrowed]);
    const everything = data.lanes.flatMap((lane) => lane.visits.map((visit) => visit.id));
    expect(everything).not.toContain(v.otherTeam);
    expect(everything).not.toContain(v.nextWeek);
    expect(everything).not.toContain(v.cancelled);

    const withCancelled = await board(a.supervisor, `from=${from}&days=7&includeCancelled=true`);
    expect(laneOf(withCancelled, a.worker.id)!.visits.map((visit) => visit.id)).toContain(v.cancelled);
    const oneDay = await board(a.supervisor, `from=${from}&days=1`);
    expect(laneOf(oneDay, a.worker.id)!.visits.map((visit) => visit.id)).toEqual([v.morning]);
  });

  it('moving a visit onto a worker who is busy answers 409 naming the clashing visit, its time and client', async () => {
    const before = await visitRow(t.app, v.secondWorker!);
    // The second worker's visit moves to 09:30 on day 3, where the first worker is already booked.
    const clash = expectError(
      await t.app.inject({
        method: 'PUT',
        url: `/visits/${v.secondWorker}`,
        headers: a.supervisor.headers,
        payload: {
          workerId: a.worker.id,
          scheduledStart: at(3, 9.5).toISOString(),
          scheduledEnd: at(3, 10.5).toISOString(),
        },
      }),
      409,
      'CONFLICT',
    );
    expect(clash.details).toEqual({
      clashingVisitId: v.morning,
      scheduledStart: at(3, 9).toISOString(),
      scheduledEnd: at(3, 10).toISOString(),
      client: { id: a.client.id, firstName: a.client.firstName, lastName: a.client.lastName },
    });
    expect(await visitRow(t.app, v.secondWorker!)).toEqual(before);
  });

  it('a no-show keeps its reason in a column, shown on the visit and the board', async () => {
    const missed = await insertVisit(t.app, {
      client: a.client,
      worker: a.worker,
      start: new Date(Date.now() - 3 * HOUR),
      end: new Date(Date.now() - 2 * HOUR),
    });
    const response = await t.app.inject({
      method: 'POST',
      url: `/visits/${missed.id}/no-show`,
      headers: a.supervisor.headers,
      payload: { reason: 'Client not home, neighbour says in hospital' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data).toMatchObject({
      status: 'NO_SHOW',
      noShowReason: 'Client not home, neighbour says in hospital',
    });
    expect((await visitRow(t.app, missed.id))?.noShowReason).toBe('Client not home, neighbour says in hospital');
    const today = new Date(Date.now() - 3 * HOUR).toISOString().slice(0, 10);
    const data = await board(a.supervisor, `from=${today}&days=1&includeCancelled=true`);
    const shown = laneOf(data, a.worker.id)!.visits.find((visit) => visit.id === missed.id);
    expect(shown).toMatchObject({ status: 'NO_SHOW', noShowReason: 'Client not home, neighbour says in hospital' });
  });

  it('migration 0009 copies reasons recorded before the column existed from the audit trail', async () => {
    const old = await insertVisit(t.app, {
      client: a.client,
      worker: null,
      start: new Date(Date.now() - 30 * DAY),
      end: new Date(Date.now() - 30 * DAY + HOUR),
      status: 'NO_SHOW',
    });
    await t.app.deps.audit.record({
      action: 'VISIT_NO_SHOW',
      entityType: 'visit',
      entityId: old.id,
      classification: 'PHI',
      oldValues: { status: 'SCHEDULED' },
      newValues: { status: 'NO_SHOW' },
      metadata: { reason: 'Recorded in 2025' },
    });
    const migration = readFileSync(`${MIGRATIONS_FOLDER}/0009_office_dashboard.sql`, 'utf8');
    const backfill = migration.split('--> statement-breakpoint').find((part) => part.includes('UPDATE "visits"'));
    await t.app.deps.db.execute(sql.raw(backfill!));
    expect((await visitRow(t.app, old.id))?.noShowReason).toBe('Recorded in 2025');
  });

  it('an admin sees one supervisor’s team when asked; a supervisor only their own', async () => {
    const teamA = await board(admin, `from=${from}&days=7&supervisorId=${a.supervisor.id}`);
    const ids = teamA.lanes.flatMap((lane) => lane.visits.map((visit) => visit.id));
    expect(ids).toEqual(expect.arrayContaining([v.morning, v.borrowed]));
    expect(ids).not.toContain(v.otherTeam);
    expectError(
      await t.app.inject({
        method: 'GET',
        url: `/office/schedule?from=${from}&supervisorId=${a.supervisor.id}`,
        headers: b.supervisor.headers,
      }),
      403,
      'FORBIDDEN',
    );
    const bBoard = await board(b.supervisor, `from=${from}&days=7`);
    const bIds = bBoard.lanes.flatMap((lane) => lane.visits.map((visit) => visit.id));
    expect(bIds).toContain(v.otherTeam);
    expect(bIds).toContain(v.borrowed); // their worker's visit, even for another team's client
    expect(bIds).not.toContain(v.morning);
  });

  it('workers and clients are refused (403, logged); bad input is 400 naming the field', async () => {
    for (const user of [a.worker, a.client]) {
      expectError(
        await t.app.inject({ method: 'GET', url: `/office/schedule?from=${from}`, headers: user.headers }),
        403,
        'FORBIDDEN',
      );
      const denials = await t.app.deps.db
        .select()
        .from(schema.auditLog)
        .where(and(eq(schema.auditLog.actorId, user.id), eq(schema.auditLog.action, 'PERMISSION_DENIED')));
      expect(denials.length).toBeGreaterThan(0);
    }
    for (const [query, field] of [
      ['days=7', 'querystring.from'],
      [`from=${from}&days=30`, 'querystring.days'],
    ] as const) {
      const body = expectError(
        await t.app.inject({ method: 'GET', url: `/office/schedule?${query}`, headers: admin.headers }),
        400,
        'VALIDATION_ERROR',
      );
      expect(body.details?.map((detail) => detail.field)).toContain(field);
    }
  });
});
