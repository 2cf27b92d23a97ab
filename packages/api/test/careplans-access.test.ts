import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createCarePlan, createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

type Team = Awaited<ReturnType<typeof createTeam>>;
type Plan = Awaited<ReturnType<typeof createCarePlan>>;
type Method = 'GET' | 'POST' | 'PUT';

describe('care plans: who sees what, and outsiders get 404 with nothing changed', () => {
  let t: TestApp;
  let a: Team & { otherWorker: TestUser };
  let b: Team;
  let admin: TestUser;
  let active: Plan;
  let draft: Plan;
  let onHold: Plan;
  beforeAll(async () => {
    t = await startApp();
    const teamA = await createTeam(t.app);
    // In team A but not assigned to A's client.
    const otherWorker = await createUser(t.app, { role: 'WORKER', supervisorId: teamA.supervisor.id });
    a = { ...teamA, otherWorker };
    b = await createTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    const by = a.supervisor.id;
    active = await createCarePlan(t.app, { clientId: a.client.id, status: 'ACTIVE', createdBy: by });
    draft = await createCarePlan(t.app, { clientId: a.client.id, status: 'DRAFT', createdBy: by });
    onHold = await createCarePlan(t.app, { clientId: a.client.id, status: 'ON_HOLD', createdBy: by });
    await t.app.deps.db
      .update(schema.carePlans)
      .set({ approvedBy: by, statusReason: 'started after discharge' })
      .where(eq(schema.carePlans.id, active.id));
  });
  afterAll(() => t.close());

  const call = (user: TestUser, method: Method, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  const listIds = async (user: TestUser, query = `clientId=${a.client.id}`) => {
    const response = await call(user, 'GET', `/careplans?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().data as Array<{ id: string }>).map((plan) => plan.id).sort();
  };
  const sorted = (...plans: Plan[]) => plans.map((plan) => plan.id).sort();

  /** Everything about a plan that a request could have touched. */
  async function snapshot(id: string) {
    const { db } = t.app.deps;
    const [plan] = await db.select().from(schema.carePlans).where(eq(schema.carePlans.id, id));
    const goals = await db.select().from(schema.carePlanGoals).where(eq(schema.carePlanGoals.carePlanId, id));
    const medications = await db
      .select()
      .from(schema.carePlanMedications)
      .where(eq(schema.carePlanMedications.carePlanId, id));
    const progress = await db
      .select()
      .from(schema.carePlanGoalProgress)
      .where(eq(schema.carePlanGoalProgress.goalId, goals[0]?.id ?? id));
    const versions = await db.select().from(schema.carePlanVersions).where(eq(schema.carePlanVersions.carePlanId, id));
    return { plan, goals, medications, progress, versions };
  }
  const denials = (actorId: string, entityId: string) =>
    t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.action, 'PERMISSION_DENIED'),
          eq(schema.auditLog.actorId, actorId),
          eq(schema.auditLog.entityId, entityId),
        ),
      );

  describe('visibility and shaping per role', () => {
    it('the client reads their own plans but never a draft, without the staff-only fields', async () => {
      expect(await listIds(a.client)).toEqual(sorted(active, onHold));
      expect(await listIds(a.client, '')).toEqual(sorted(active, onHold));
      const view = (await call(a.client, 'GET', `/careplans/${active.id}`)).json().data;
      expect(view).toMatchObject({ id: active.id, status: 'ACTIVE', diagnosisCodes: ['E11.9'] });
      for (const field of ['approvedBy', 'statusReason', 'createdBy', 'updatedBy'])
        expect(view).not.toHaveProperty(field);
      expectError(await call(a.client, 'GET', `/careplans/${draft.id}`), 404, 'NOT_FOUND');
    });

    it('the assigned worker reads only the ACTIVE plan; the other worker of the team sees none', async () => {
      expect(await listIds(a.worker)).toEqual(sorted(active));
      const view = (await call(a.worker, 'GET', `/careplans/${active.id}`)).json().data;
      expect(view.medications[0]).toMatchObject({ name: 'Metformin', times: ['08:00'] });
      expect(view).not.toHaveProperty('statusReason');
      expectError(await call(a.worker, 'GET', `/careplans/${draft.id}`), 404, 'NOT_FOUND');
      expectError(await call(a.worker, 'GET', `/careplans/${onHold.id}`), 404, 'NOT_FOUND');
      expect(await listIds(a.otherWorker)).toEqual([]);
    });

    it('the supervisor and an admin read every plan with the staff-only fields', async () => {
      expect(await listIds(a.supervisor)).toEqual(sorted(active, draft, onHold));
      expect(await listIds(admin)).toEqual(sorted(active, draft, onHold));
      const view = (await call(a.supervisor, 'GET', `/careplans/${active.id}`)).json().data;
      expect(view).toMatchObject({ approvedBy: a.supervisor.id, statusReason: 'started after discharge' });
      expect(await listIds(a.supervisor, 'status=DRAFT')).toEqual(sorted(draft));
    });

    it('a read of a plan is an audited PHI read; so is each plan in a list', async () => {
      const reads = async (actorId: string, entityId: string) =>
        t.app.deps.db
          .select()
          .from(schema.auditLog)
          .where(
            and(
              eq(schema.auditLog.action, 'PHI_READ'),
              eq(schema.auditLog.actorId, actorId),
              eq(schema.auditLog.entityId, entityId),
            ),
          );
      const before = (await reads(b.client.id, onHold.id)).length;
      const worker = await createUser(t.app, { role: 'WORKER', supervisorId: a.supervisor.id });
      await t.app.deps.db.insert(schema.careTeamAssignments).values({
        clientId: a.client.id,
        workerId: worker.id,
        assignmentRole: 'BACKUP',
        startsOn: '2025-01-01',
      });
      await call(worker, 'GET', `/careplans/${active.id}`);
      const [read] = await reads(worker.id, active.id);
      expect(read).toMatchObject({ entityType: 'care_plan', dataClassification: 'PHI', actorRole: 'WORKER' });
      await call(a.supervisor, 'GET', `/careplans?clientId=${a.client.id}`);
      expect((await reads(a.supervisor.id, draft.id)).length).toBeGreaterThan(0);
      expect((await reads(b.client.id, onHold.id)).length).toBe(before);
    });

    it('the plan shows its visits newest first, each caller only the visits they may see', async () => {
      const { db } = t.app.deps;
      const at = (day: number, hour: number) => new Date(Date.UTC(2030, 0, day, hour));
      const visit = (workerId: string, day: number) => ({
        clientId: a.client.id,
        workerId,
        carePlanId: active.id,
        serviceType: 'PERSONAL_CARE',
        scheduledStart: at(day, 9),
        scheduledEnd: at(day, 10),
      });
      const inserted = await db
        .insert(schema.visits)
        .values([visit(a.worker.id, 2), visit(a.otherWorker.id, 3), visit(a.worker.id, 4)])
        .returning({ id: schema.visits.id });
      const [first, second, third] = inserted.map((row) => row.id);
      const visitIds = async (user: TestUser) =>
        ((await call(user, 'GET', `/careplans/${active.id}`)).json().data.visits as Array<{ id: string }>).map(
          (v) => v.id,
        );
      expect(await visitIds(a.supervisor)).toEqual([third, second, first]);
      expect(await visitIds(a.client)).toEqual([third, second, first]);
      expect(await visitIds(a.worker)).toEqual([third, first]);
      const [shown] = (await call(a.supervisor, 'GET', `/careplans/${active.id}`)).json().data.visits;
      expect(shown).toEqual({
        id: third,
        scheduledStart: at(4, 9).toISOString(),
        scheduledEnd: at(4, 10).toISOString(),
        status: 'SCHEDULED',
        workerId: a.worker.id,
      });
    });
  });

  describe('visible but not theirs to change: 403, logged, unchanged', () => {
    const writes = (plan: () => Plan) => [
      {
        name: 'PUT',
        method: 'PUT' as const,
        url: () => `/careplans/${plan().id}`,
        payload: { version: 1, title: 'x' },
      },
      { name: 'approve', method: 'POST' as const, url: () => `/careplans/${plan().id}/approve`, payload: undefined },
      {
        name: 'status',
        method: 'POST' as const,
        url: () => `/careplans/${plan().id}/status`,
        payload: { status: 'ON_HOLD', reason: 'x' },
      },
      { name: 'versions', method: 'GET' as const, url: () => `/careplans/${plan().id}/versions`, payload: undefined },
    ];
    it.each([
      ...writes(() => active).map((w) => ({ ...w, who: 'the assigned worker', actor: () => a.worker })),
      ...writes(() => active).map((w) => ({ ...w, who: 'the client', actor: () => a.client })),
      {
        name: 'progress',
        method: 'POST' as const,
        url: () => `/careplans/${active.id}/goals/${active.goalId}/progress`,
        payload: { note: 'x' },
        who: 'the client',
        actor: () => a.client,
      },
    ])('$who: $name', async ({ actor, method, url, payload }) => {
      const before = await snapshot(active.id);
      expectError(await call(actor(), method, url(), payload), 403, 'FORBIDDEN');
      expect(await snapshot(active.id)).toEqual(before);
      expect((await denials(actor().id, active.id)).length).toBeGreaterThan(0);
    });

    it('workers and clients may not create plans (403); nothing is written', async () => {
      const body = { clientId: a.client.id, title: 'Mine', startsOn: '2025-01-01', nextReviewOn: '2025-04-01' };
      for (const user of [a.worker, a.client]) {
        expectError(await call(user, 'POST', '/careplans', body), 403, 'FORBIDDEN');
      }
      expect(await listIds(a.supervisor)).toEqual(sorted(active, draft, onHold));
    });
  });

  describe('outsiders', () => {
    const outsiders = [
      { who: "another team's supervisor", actor: () => b.supervisor },
      { who: 'a worker of the team not assigned to the client', actor: () => a.otherWorker },
      { who: "another team's worker", actor: () => b.worker },
      { who: 'another client', actor: () => b.client },
    ];
    const endpoints = [
      { name: 'GET /careplans/:id', method: 'GET' as const, url: (p: Plan) => `/careplans/${p.id}` },
      {
        name: 'PUT /careplans/:id',
        method: 'PUT' as const,
        url: (p: Plan) => `/careplans/${p.id}`,
        payload: { version: 1, title: 'Taken over' },
      },
      { name: 'POST /careplans/:id/approve', method: 'POST' as const, url: (p: Plan) => `/careplans/${p.id}/approve` },
      {
        name: 'POST /careplans/:id/status',
        method: 'POST' as const,
        url: (p: Plan) => `/careplans/${p.id}/status`,
        payload: { status: 'DISCONTINUED', reason: 'not mine' },
      },
      {
        name: 'POST /careplans/:id/goals/:goalId/progress',
        method: 'POST' as const,
        url: (p: Plan) => `/careplans/${p.id}/goals/${p.goalId}/progress`,
        payload: { value: 1, note: 'not mine' },
      },
      { name: 'GET /careplans/:id/versions', method: 'GET' as const, url: (p: Plan) => `/careplans/${p.id}/versions` },
    ];
    describe.each(endpoints)('$name', ({ method, url, ...endpoint }) => {
      it.each(outsiders)('$who: 404, the denial logged, the plan unchanged', async ({ who, actor }) => {
        // The draft for approval, the active plan for everything else.
        const plan = endpoint.name.includes('approve') ? draft : active;
        const before = await snapshot(plan.id);
        const response = await call(actor(), method, url(plan), 'payload' in endpoint ? endpoint.payload : undefined);
        expectError(response, 404, 'NOT_FOUND');
        expect(response.body, who).not.toContain(plan.title);
        expect(await snapshot(plan.id)).toEqual(before);
        expect((await denials(actor().id, plan.id)).length, who).toBeGreaterThan(0);
      });
    });

    it.each(outsiders)('GET /careplans: $who lists none of the client’s plans', async ({ actor }) => {
      expect(await listIds(actor())).toEqual([]);
    });

    it("POST /careplans: another team's supervisor cannot create for the client (422 like an unknown client)", async () => {
      const body = { clientId: a.client.id, title: 'Taken over', startsOn: '2025-01-01', nextReviewOn: '2025-04-01' };
      const error = expectError(await call(b.supervisor, 'POST', '/careplans', body), 422, 'UNPROCESSABLE');
      expect(error.details?.map((d) => d.field)).toEqual(['body.clientId']);
      expect(await listIds(admin)).toEqual(sorted(active, draft, onHold));
      expect((await denials(b.supervisor.id, a.client.id)).length).toBeGreaterThan(0);
    });
  });
});
