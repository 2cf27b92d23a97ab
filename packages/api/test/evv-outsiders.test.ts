import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createActivePlan, createVisitRow, localClock, northOf } from './helpers/care-factories';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

const HOME = { lat: 45.5, lng: -122.6 };
const MINUTE = 60_000;
type Team = Awaited<ReturnType<typeof createTeam>>;

describe('EVV and eMAR: outsiders get 404, the denial is logged, nothing changes', () => {
  let t: TestApp;
  let a: Team;
  let b: Team;
  let teammate: TestUser;
  let scheduledVisitId: string;
  let inProgressVisitId: string;
  let exceptionId: string;
  let medicationId: string;
  let scheduledFor: string;

  beforeAll(async () => {
    t = await startApp();
    a = await createTeam(t.app);
    b = await createTeam(t.app);
    teammate = await createUser(t.app, { role: 'WORKER', supervisorId: a.supervisor.id });
    const dueAt = new Date(Date.now() + 20 * MINUTE);
    const { plan, medications } = await createActivePlan(t.app, {
      clientId: a.client.id,
      medications: [{ name: 'Metformin', times: [localClock(dueAt)] }],
    });
    medicationId = medications[0]!.id;
    scheduledFor = new Date(Math.floor(dueAt.getTime() / MINUTE) * MINUTE).toISOString();
    const inProgress = await createVisitRow(t.app, {
      clientId: a.client.id,
      workerId: a.worker.id,
      start: new Date(Date.now() - 2 * MINUTE),
      carePlanId: plan.id,
    });
    inProgressVisitId = inProgress.id;
    const checkIn = await t.app.inject({
      method: 'POST',
      url: `/visits/${inProgress.id}/checkin`,
      headers: a.worker.headers,
      payload: { ...northOf(HOME, 400), accuracyM: 5 },
    });
    exceptionId = checkIn.json().data.exceptionsRaised[0].id;
    scheduledVisitId = (
      await createVisitRow(t.app, {
        clientId: a.client.id,
        workerId: a.worker.id,
        start: new Date(Date.now() + 180 * MINUTE),
        carePlanId: plan.id,
      })
    ).id;
  });
  afterAll(() => t.close());

  /** Everything about a visit an outsider's request could have touched. */
  async function snapshot(visitId: string) {
    const { db } = t.app.deps;
    const [visit] = await db.select().from(schema.visits).where(eq(schema.visits.id, visitId));
    const exceptions = await db.select().from(schema.evvExceptions).where(eq(schema.evvExceptions.visitId, visitId));
    const doses = await db
      .select()
      .from(schema.medicationAdministrations)
      .where(eq(schema.medicationAdministrations.visitId, visitId));
    return { visit, exceptions, doses };
  }
  const denials = (actorId: string, visitId: string) =>
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

  const outsiders: Array<{ who: string; actor: () => TestUser }> = [
    { who: 'another team’s worker', actor: () => b.worker },
    { who: 'a worker of the same team not assigned to the visit', actor: () => teammate },
    { who: 'a client, for another client’s visit', actor: () => b.client },
    { who: 'a supervisor outside the team', actor: () => b.supervisor },
  ];
  const endpoints = [
    {
      name: 'POST /visits/:id/checkin',
      visit: () => scheduledVisitId,
      request: () => ({
        method: 'POST' as const,
        url: `/visits/${scheduledVisitId}/checkin`,
        payload: { ...HOME, accuracyM: 5 },
      }),
    },
    {
      name: 'POST /visits/:id/checkout',
      visit: () => inProgressVisitId,
      request: () => ({
        method: 'POST' as const,
        url: `/visits/${inProgressVisitId}/checkout`,
        payload: { ...HOME, accuracyM: 5 },
      }),
    },
    {
      name: 'POST /visits/:id/evv-exceptions/:eid/resolve',
      visit: () => inProgressVisitId,
      request: () => ({
        method: 'POST' as const,
        url: `/visits/${inProgressVisitId}/evv-exceptions/${exceptionId}/resolve`,
        payload: { reasonCode: 'GPS_INACCURATE' },
      }),
    },
    {
      name: 'GET /visits/:id/medications',
      visit: () => inProgressVisitId,
      request: () => ({ method: 'GET' as const, url: `/visits/${inProgressVisitId}/medications` }),
    },
    {
      name: 'POST /visits/:id/medications',
      visit: () => inProgressVisitId,
      request: () => ({
        method: 'POST' as const,
        url: `/visits/${inProgressVisitId}/medications`,
        payload: { medicationId, scheduledFor, outcome: 'GIVEN' },
      }),
    },
  ];

  describe.each(endpoints)('$name', (endpoint) => {
    it.each(outsiders)('$who: 404, the denial logged, nothing changed', async ({ who, actor }) => {
      const user = actor();
      const visitId = endpoint.visit();
      const before = await snapshot(visitId);
      const response = await t.app.inject({ ...endpoint.request(), headers: user.headers });
      expectError(response, 404, 'NOT_FOUND');
      expect(response.body, who).not.toContain('Metformin');
      expect(await snapshot(visitId)).toEqual(before);
      expect((await denials(user.id, visitId)).length, who).toBeGreaterThan(0);
    });
  });

  it('without a session every endpoint answers 401', async () => {
    for (const endpoint of endpoints) {
      expectError(await t.app.inject(endpoint.request()), 401, 'UNAUTHORIZED');
    }
  });

  it('an unknown visit id answers 404 for the assigned worker too', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const response = await t.app.inject({
      method: 'POST',
      url: `/visits/${unknown}/checkin`,
      headers: a.worker.headers,
      payload: { ...HOME, accuracyM: 5 },
    });
    expectError(response, 404, 'NOT_FOUND');
  });
});
