import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { allocateBudget, type BudgetBody, budgetRow, budgetTeam, expenseBody, expensesIn } from './helpers/budgets';
import { createTeam, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

describe('budgets: outsiders get 404 (workers 403) on every endpoint, rows unchanged, denial logged', () => {
  let t: TestApp;
  let team: Awaited<ReturnType<typeof budgetTeam>>;
  let other: Awaited<ReturnType<typeof createTeam>>;
  let budget: BudgetBody;
  let pendingId: string;

  beforeAll(async () => {
    t = await startApp();
    team = await budgetTeam(t.app);
    other = await createTeam(t.app);
    budget = await allocateBudget(t.app, team.admin, team.client.id, { approvalLimitCents: 100 });
    const pending = await t.app.inject({
      method: 'POST',
      url: `/budgets/${budget.id}/expenses`,
      headers: team.supervisor.headers,
      payload: expenseBody(500),
    });
    pendingId = (pending.json().data as BudgetBody).expenses[0]!.id;
  });
  afterAll(() => t.close());

  const endpoints = () => [
    { method: 'GET' as const, url: `/budgets/${budget.id}` },
    { method: 'GET' as const, url: `/budgets/${budget.id}/forecast` },
    { method: 'PUT' as const, url: `/budgets/${budget.id}`, payload: { version: 1, totalCents: 1 } },
    { method: 'POST' as const, url: `/budgets/${budget.id}/expenses`, payload: expenseBody(100) },
    { method: 'POST' as const, url: `/budgets/${budget.id}/expenses/${pendingId}/approve`, payload: {} },
    { method: 'POST' as const, url: `/budgets/${budget.id}/expenses/${pendingId}/reject`, payload: {} },
  ];
  const call = (user: TestUser, e: ReturnType<typeof endpoints>[number]) =>
    t.app.inject({ method: e.method, url: e.url, headers: user.headers, ...(e.payload ? { payload: e.payload } : {}) });

  async function expectUnchanged() {
    expect(await budgetRow(t.app, budget.id)).toMatchObject({ version: 1, totalCents: 100_000 });
    const rows = await expensesIn(t.app, budget.id);
    expect(rows.map((r) => [r.id, r.status])).toEqual([[pendingId, 'PENDING']]);
  }
  const denials = async (actorId: string) =>
    t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.action, 'PERMISSION_DENIED'),
          eq(schema.auditLog.actorId, actorId),
          eq(schema.auditLog.entityId, budget.id),
        ),
      );

  it("another team's supervisor and another client get 404 on every budget endpoint; each denial is logged", async () => {
    for (const outsider of [other.supervisor, other.client]) {
      for (const endpoint of endpoints()) {
        expectError(await call(outsider, endpoint), 404, 'NOT_FOUND');
      }
      expect(await denials(outsider.id)).toHaveLength(endpoints().length);
      const list = await t.app.inject({
        method: 'GET',
        url: `/budgets?clientId=${team.client.id}`,
        headers: outsider.headers,
      });
      expect(list.json().data).toEqual([]);
    }
    await expectUnchanged();
  });

  it("workers get 403 on every budget endpoint, the client's own worker included", async () => {
    for (const worker of [team.worker, other.worker]) {
      for (const endpoint of endpoints()) expectError(await call(worker, endpoint), 403, 'FORBIDDEN');
      expectError(await t.app.inject({ method: 'GET', url: '/budgets', headers: worker.headers }), 403, 'FORBIDDEN');
      expectError(
        await t.app.inject({
          method: 'POST',
          url: '/budgets',
          headers: worker.headers,
          payload: {
            clientId: team.client.id,
            periodType: 'MONTHLY',
            periodStart: '2040-01-01',
            totalCents: 1,
            fundingSource: 'X',
          },
        }),
        403,
        'FORBIDDEN',
      );
    }
    expect(await denials(team.worker.id)).toHaveLength(endpoints().length);
    await expectUnchanged();
  });

  it('the client reads their own budget but may not change it, add to it or decide its expenses (403)', async () => {
    const [get, forecast, ...writes] = endpoints();
    expect((await call(team.client, get!)).statusCode).toBe(200);
    expect((await call(team.client, forecast!)).statusCode).toBe(200);
    for (const endpoint of writes) expectError(await call(team.client, endpoint), 403, 'FORBIDDEN');
    await expectUnchanged();
  });

  it('supervisors may not allocate or change budgets (403), even for their own clients', async () => {
    const [, , put] = endpoints();
    expectError(await call(team.supervisor, put!), 403, 'FORBIDDEN');
    const create = await t.app.inject({
      method: 'POST',
      url: '/budgets',
      headers: team.supervisor.headers,
      payload: {
        clientId: team.client.id,
        periodType: 'MONTHLY',
        periodStart: '2040-01-01',
        totalCents: 1,
        fundingSource: 'X',
      },
    });
    expectError(create, 403, 'FORBIDDEN');
    await expectUnchanged();
  });

  it('an unknown budget or an expense of another budget is 404 for an admin too', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectError(
      await t.app.inject({ method: 'GET', url: `/budgets/${unknown}`, headers: team.admin.headers }),
      404,
      'NOT_FOUND',
    );
    const another = await allocateBudget(t.app, team.admin, other.client.id);
    expectError(
      await t.app.inject({
        method: 'POST',
        url: `/budgets/${another.id}/expenses/${pendingId}/approve`,
        headers: team.admin.headers,
        payload: {},
      }),
      404,
      'NOT_FOUND',
    );
    await expectUnchanged();
  });
});
