import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { allocateBudget, budgetTeam, isoDay } from './helpers/budgets';
import { createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { insertVisit } from './helpers/visits';

const HOUR = 3_600_000;
const at = (day: string, hourUtc: number) => new Date(`${day}T${String(hourUtc).padStart(2, '0')}:00:00Z`);
type Team = Awaited<ReturnType<typeof budgetTeam>>;
type Answer = {
  visits: Array<{ visitId: string; serviceDate: string; costCents?: number | null; status: string }>;
  totals: { visits: number; completed: number; booked: number };
};

describe('GET /budgets/uncovered: visits on days no budget covers', () => {
  let t: TestApp;
  let a: Team;
  let b: Team;
  let farClient: TestUser;
  const v: Record<string, string> = {};
  const range = `from=${isoDay(-40)}&to=${isoDay(40)}`;
  beforeAll(async () => {
    t = await startApp();
    a = await budgetTeam(t.app);
    b = await budgetTeam(t.app);
    // A second client of team A, in Auckland (UTC+12/+13): 12:00 UTC is already the next day there.
    farClient = await createUser(t.app, {
      role: 'CLIENT',
      supervisorId: a.supervisor.id,
      profile: { timezone: 'Pacific/Auckland' },
    });
    // Budgets from 9 days ago to 20 days ahead for both of team A's clients and team B's.
    await allocateBudget(t.app, a.admin, a.client.id);
    await allocateBudget(t.app, a.admin, farClient.id);
    await allocateBudget(t.app, b.admin, b.client.id);
    const visit = async (key: string, client: TestUser, start: Date, extra: object = {}) => {
      v[key] = (
        await insertVisit(t.app, { client, worker: null, start, end: new Date(start.getTime() + HOUR), ...extra })
      ).id;
    };
    await visit('covered', a.client, at(isoDay(5), 10));
    await visit('lastCoveredDay', a.client, at(isoDay(20), 10));
    await visit('afterPeriod', a.client, at(isoDay(25), 10));
    await visit('completedBefore', a.client, at(isoDay(-15), 10), {
      status: 'COMPLETED',
      costCents: 4_000,
      checkInAt: at(isoDay(-15), 10),
    });
    await visit('cancelled', a.client, at(isoDay(26), 10), { status: 'CANCELLED', cancellationReason: 'Away' });
    await visit('nextDayInAuckland', farClient, at(isoDay(20), 12));
    await visit('otherTeam', b.client, at(isoDay(30), 10));
  });
  afterAll(() => t.close());

  const uncovered = async (user: TestUser, query: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/budgets/uncovered?${query}`, headers: user.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data as Answer;
  };

  it("lists a client's booked and completed visits outside every budget period, by the client's own date", async () => {
    const data = await uncovered(a.supervisor, range);
    expect(data.visits.map((visit) => visit.visitId)).toEqual([v.completedBefore, v.nextDayInAuckland, v.afterPeriod]);
    expect(data.visits.find((visit) => visit.visitId === v.nextDayInAuckland)?.serviceDate).toBe(isoDay(21));
    expect(data.visits.find((visit) => visit.visitId === v.completedBefore)).toMatchObject({
      status: 'COMPLETED',
      costCents: 4_000,
    });
    expect(data.totals).toEqual({ visits: 3, completed: 1, booked: 2 });
    // The completed visit's cost went nowhere: no expense on any budget.
    const booked = await t.app.deps.db
      .select()
      .from(schema.expenses)
      .where(eq(schema.expenses.visitId, v.completedBefore!));
    expect(booked).toEqual([]);
  });

  it('one client at a time; the client sees their own, without the billing figures', async () => {
    const one = await uncovered(a.supervisor, `${range}&clientId=${farClient.id}`);
    expect(one.visits.map((visit) => visit.visitId)).toEqual([v.nextDayInAuckland]);
    const own = await uncovered(a.client, range);
    expect(own.visits.map((visit) => visit.visitId)).toEqual([v.completedBefore, v.afterPeriod]);
    expect(own.visits[0]).not.toHaveProperty('costCents');
  });

  it('outsiders: another team’s supervisor and other clients get 404 (logged), workers 403; nothing leaks', async () => {
    for (const [user, clientId] of [
      [b.supervisor, a.client.id],
      [b.client, a.client.id],
    ] as const) {
      expectError(
        await t.app.inject({
          method: 'GET',
          url: `/budgets/uncovered?${range}&clientId=${clientId}`,
          headers: user.headers,
        }),
        404,
        'NOT_FOUND',
      );
      const denials = await t.app.deps.db
        .select()
        .from(schema.auditLog)
        .where(
          and(
            eq(schema.auditLog.actorId, user.id),
            eq(schema.auditLog.action, 'PERMISSION_DENIED'),
            eq(schema.auditLog.entityId, clientId),
          ),
        );
      expect(denials).toHaveLength(1);
    }
    const theirs = await uncovered(b.supervisor, range);
    expect(theirs.visits.map((visit) => visit.visitId)).toEqual([v.otherTeam]);
    expectError(
      await t.app.inject({ method: 'GET', url: `/budgets/uncovered?${range}`, headers: a.worker.headers }),
      403,
      'FORBIDDEN',
    );
  });

  it('a range ending before it starts is 400 naming the field', async () => {
    const body = expectError(
      await t.app.inject({
        method: 'GET',
        url: `/budgets/uncovered?from=${isoDay(5)}&to=${isoDay(1)}`,
        headers: a.admin.headers,
      }),
      400,
      'VALIDATION_ERROR',
    );
    expect(body.details?.map((detail) => detail.field)).toContain('querystring.to');
  });
});
