import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createVisitRow } from './helpers/care-factories';
import { createCarePlan, createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

type Team = Awaited<ReturnType<typeof createTeam>>;
const DAY = 86_400_000;

describe("GET /users/:id/medication-history: a client's eMAR across visits", () => {
  let t: TestApp;
  let a: Team;
  let b: Team;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startApp();
    a = await createTeam(t.app);
    b = await createTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    const plan = await createCarePlan(t.app, { clientId: a.client.id, createdBy: a.supervisor.id, status: 'ACTIVE' });
    // Three visits on three days, each with one dose record: given, refused, not given.
    const outcomes = [
      { outcome: 'GIVEN' as const, reason: null },
      { outcome: 'REFUSED' as const, reason: 'Said it upsets her stomach' },
      { outcome: 'NOT_GIVEN' as const, reason: 'Out of stock at home' },
    ];
    for (const [index, dose] of outcomes.entries()) {
      const start = new Date(Date.now() - (3 - index) * DAY);
      const visit = await createVisitRow(t.app, {
        clientId: a.client.id,
        workerId: a.worker.id,
        start,
        status: 'COMPLETED',
        carePlanId: plan.id,
      });
      await t.app.deps.db.insert(schema.medicationAdministrations).values({
        visitId: visit.id,
        medicationId: plan.medicationId,
        scheduledFor: new Date(start.getTime() + 600_000),
        outcome: dose.outcome,
        reason: dose.reason,
        recordedAt: new Date(start.getTime() + 900_000),
        recordedBy: a.worker.id,
      });
    }
  });
  afterAll(() => t.close());

  const get = (user: TestUser, clientId: string, query = '') =>
    t.app.inject({ method: 'GET', url: `/users/${clientId}/medication-history${query}`, headers: user.headers });

  it('lists every dose newest first with its reason and who recorded it, paged on the server; audited', async () => {
    const first = await get(a.supervisor, a.client.id, '?limit=2');
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json();
    expect(body.pagination).toMatchObject({ page: 1, limit: 2, total: 3, totalPages: 2 });
    expect(body.data.map((entry: { outcome: string }) => entry.outcome)).toEqual(['NOT_GIVEN', 'REFUSED']);
    expect(body.data[1]).toMatchObject({
      reason: 'Said it upsets her stomach',
      recorder: { id: a.worker.id, firstName: a.worker.firstName },
      medication: expect.objectContaining({ prn: false }),
    });
    const second = (await get(admin, a.client.id, '?limit=2&page=2')).json();
    expect(second.data.map((entry: { outcome: string }) => entry.outcome)).toEqual(['GIVEN']);
    const reads = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityType, 'visit_medications'), eq(schema.auditLog.entityId, a.client.id)));
    expect(reads.some((row) => row.action === 'PHI_READ')).toBe(true);
  });

  it('a client with no doses recorded has an empty history', async () => {
    const answer = (await get(b.supervisor, b.client.id)).json();
    expect(answer.data).toEqual([]);
    expect(answer.pagination.total).toBe(0);
  });

  it("outsiders: another team's supervisor 404; the client and the worker 403; a worker id is not a client", async () => {
    expectError(await get(b.supervisor, a.client.id), 404, 'NOT_FOUND');
    expectError(await get(a.worker, a.client.id), 403, 'FORBIDDEN');
    expectError(await get(a.client, a.client.id), 403, 'FORBIDDEN');
    expectError(await get(admin, a.worker.id), 404, 'NOT_FOUND');
  });
});
