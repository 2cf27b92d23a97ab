import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import {
  allocateBudget,
  type BudgetBody,
  budgetRow,
  budgetTeam,
  expenseBody,
  expensesIn,
  notificationsAbout,
} from './helpers/budgets';
import type { TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

describe('budgets: expenses, limits, approvals, thresholds, concurrency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const addExpense = (user: TestUser, budgetId: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/budgets/${budgetId}/expenses`, headers: user.headers, payload });
  const decide = (user: TestUser, budgetId: string, expenseId: string, decision: 'approve' | 'reject') =>
    t.app.inject({
      method: 'POST',
      url: `/budgets/${budgetId}/expenses/${expenseId}/${decision}`,
      headers: user.headers,
      payload: { note: 'Checked the receipt' },
    });

  it('refuses an expense over its category (422 with category, allocation and would-be total); an admin overrides with a reason, audited', async () => {
    const { admin, supervisor, client } = await budgetTeam(t.app);
    const budget = await allocateBudget(t.app, admin, client.id, {
      totalCents: 5_000,
      allocations: [
        { category: 'PERSONAL_CARE', amountCents: 3_000 },
        { category: 'TRANSPORTATION', amountCents: 1_000 },
      ],
    });
    expect((await addExpense(supervisor, budget.id, expenseBody(800, 'TRANSPORTATION'))).statusCode).toBe(201);
    const refused = expectError(
      await addExpense(supervisor, budget.id, expenseBody(201, 'TRANSPORTATION')),
      422,
      'UNPROCESSABLE',
    );
    expect(refused.details).toMatchObject({ category: 'TRANSPORTATION', allocationCents: 1_000, wouldBeCents: 1_001 });
    // A category with no allocation has nothing to spend.
    expectError(await addExpense(supervisor, budget.id, expenseBody(1, 'OTHER')), 422, 'UNPROCESSABLE');
    // Only an admin may override.
    const reason = { override: { reason: 'Emergency taxi to the hospital' } };
    expectError(await addExpense(supervisor, budget.id, expenseBody(500, 'TRANSPORTATION', reason)), 403, 'FORBIDDEN');
    expect(await expensesIn(t.app, budget.id)).toHaveLength(1);

    const overridden = await addExpense(admin, budget.id, expenseBody(500, 'TRANSPORTATION', reason));
    expect(overridden.statusCode, overridden.body).toBe(201);
    const rows = await expensesIn(t.app, budget.id);
    const row = rows.find((r) => r.amountCents === 500)!;
    expect(row).toMatchObject({ status: 'APPROVED', overrideReason: reason.override.reason, overriddenBy: admin.id });
    const [audit] = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'BUDGET_OVERRIDE'), eq(schema.auditLog.entityId, budget.id)));
    expect(audit).toMatchObject({
      actorId: admin.id,
      dataClassification: 'PHI',
      newValues: { expenseId: row.id, overrideReason: reason.override.reason },
      metadata: {
        exceeded: [{ scope: 'CATEGORY', category: 'TRANSPORTATION', allocationCents: 1_000, wouldBeCents: 1_300 }],
      },
    });
    const data = overridden.json().data as BudgetBody;
    expect(data.categories.find((c) => c.category === 'TRANSPORTATION')).toMatchObject({
      spentCents: 1_300,
      remainingCents: -300,
      alertLevel: 'CRITICAL',
    });
  });

  it('holds an expense above the approval limit as PENDING (counted toward the limits) until approved or rejected', async () => {
    const { admin, supervisor, client } = await budgetTeam(t.app);
    const budget = await allocateBudget(t.app, admin, client.id, { totalCents: 10_000, approvalLimitCents: 2_000 });
    const pending = await addExpense(supervisor, budget.id, expenseBody(2_500));
    expect(pending.statusCode, pending.body).toBe(201);
    const first = (pending.json().data as BudgetBody).expenses[0]!;
    expect(first).toMatchObject({ status: 'PENDING', amountCents: 2_500 });
    expect((pending.json().data as BudgetBody).totals).toMatchObject({ spentCents: 0, pendingCents: 2_500 });
    // 2500 pending + 6000 pending + 2000 = 10500 > 10000: pending counts toward the limit.
    expect((await addExpense(supervisor, budget.id, expenseBody(6_000))).statusCode).toBe(201);
    expectError(await addExpense(supervisor, budget.id, expenseBody(1_501)), 422, 'UNPROCESSABLE');

    // The client reads but does not decide.
    expectError(await decide(client, budget.id, first.id, 'approve'), 403, 'FORBIDDEN');
    const approved = await decide(supervisor, budget.id, first.id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect((approved.json().data as BudgetBody).totals).toMatchObject({ spentCents: 2_500, pendingCents: 6_000 });
    expectError(await decide(supervisor, budget.id, first.id, 'reject'), 409, 'CONFLICT');

    const second = (await expensesIn(t.app, budget.id)).find((e) => e.amountCents === 6_000)!;
    const rejected = await decide(admin, budget.id, second.id, 'reject');
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect((rejected.json().data as BudgetBody).totals).toMatchObject({ spentCents: 2_500, pendingCents: 0 });
    const rows = await expensesIn(t.app, budget.id);
    expect(rows.find((e) => e.id === first.id)).toMatchObject({ status: 'APPROVED', decidedBy: supervisor.id });
    expect(rows.find((e) => e.id === second.id)).toMatchObject({
      status: 'REJECTED',
      decidedBy: admin.id,
      decisionNote: 'Checked the receipt',
    });
    // With the rejection, room again.
    expect((await addExpense(supervisor, budget.id, expenseBody(1_501))).statusCode).toBe(201);
  });

  it('notifies the client and admins once per threshold crossing; falling back below re-arms it', async () => {
    const { admin, supervisor, client } = await budgetTeam(t.app);
    const budget = await allocateBudget(t.app, admin, client.id, {
      totalCents: 20_000,
      approvalLimitCents: 5_000,
      allocations: [{ category: 'OTHER', amountCents: 10_000 }],
    });
    const count = async (user: TestUser) => {
      const rows = await notificationsAbout(t.app, user.id, budget.id);
      return {
        warning: rows.filter((r) => r.messageKey === 'budgetWarning').length,
        critical: rows.filter((r) => r.messageKey === 'budgetCritical').length,
      };
    };
    const add = async (amount: number) => {
      const response = await addExpense(supervisor, budget.id, expenseBody(amount, 'OTHER'));
      expect(response.statusCode, response.body).toBe(201);
      return response.json().data as BudgetBody;
    };
    await add(5_500); // 55 %, pending
    expect(await count(client)).toEqual({ warning: 0, critical: 0 });
    await add(2_500); // 80 %: warning
    expect(await count(client)).toEqual({ warning: 1, critical: 0 });
    await add(100); // 81 %: still warning, no second notice
    expect(await count(client)).toEqual({ warning: 1, critical: 0 });
    const critical = await add(1_400); // 95 %: critical
    expect(critical.categories[0]).toMatchObject({ alertLevel: 'CRITICAL', utilizationPct: 95 });
    expect(await count(client)).toEqual({ warning: 1, critical: 1 });
    expect(await count(admin)).toEqual({ warning: 1, critical: 1 });
    expect(await count(supervisor)).toEqual({ warning: 0, critical: 0 });

    const pending = (await expensesIn(t.app, budget.id)).find((e) => e.status === 'PENDING')!;
    const rejected = await decide(supervisor, budget.id, pending.id, 'reject'); // back to 40 %
    expect((rejected.json().data as BudgetBody).categories[0]).toMatchObject({ alertLevel: 'NONE' });
    expect(await count(client)).toEqual({ warning: 1, critical: 1 });
    await add(4_000); // 80 % again: a new crossing
    expect(await count(client)).toEqual({ warning: 2, critical: 1 });
    // The total (20000) never reached 80 %: no notice about the whole budget.
    expect((await budgetRow(t.app, budget.id)).alertLevel).toBe('NONE');
    const titles = (await notificationsAbout(t.app, client.id, budget.id)).map((n) => n.title);
    expect(titles.every((title) => title.includes('other expenses'))).toBe(true);
  });

  it('ten concurrent expenses against a budget that affords six: exactly six succeed, the sums are exact', async () => {
    const { admin, supervisor, client } = await budgetTeam(t.app);
    const budget = await allocateBudget(t.app, admin, client.id, {
      totalCents: 10_000,
      allocations: [{ category: 'TRANSPORTATION', amountCents: 6_000 }],
    });
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => addExpense(supervisor, budget.id, expenseBody(1_000, 'TRANSPORTATION'))),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 422, 422, 422, 422]);
    const rows = await expensesIn(t.app, budget.id);
    expect(rows).toHaveLength(6);
    expect(rows.reduce((sum, row) => sum + row.amountCents, 0)).toBe(6_000);
    const read = await t.app.inject({ method: 'GET', url: `/budgets/${budget.id}`, headers: admin.headers });
    expect((read.json().data as BudgetBody).totals).toMatchObject({ spentCents: 6_000, remainingCents: 4_000 });
    // 5000 crossed 80 % and 6000 crossed 95 %, each announced once even under contention.
    const notices = await notificationsAbout(t.app, client.id, budget.id);
    expect(notices.map((n) => `${n.category} ${n.messageKey}`).sort()).toEqual([
      'BUDGET_ALERT budgetCritical',
      'BUDGET_ALERT budgetWarning',
    ]);
  });

  it('refuses expenses outside the period (422) and on a closed budget (409)', async () => {
    const { admin, client } = await budgetTeam(t.app);
    const budget = await allocateBudget(t.app, admin, client.id);
    const outside = expectError(
      await addExpense(admin, budget.id, { ...expenseBody(100), incurredOn: '2001-01-01' }),
      422,
      'UNPROCESSABLE',
    );
    expect(outside.details?.[0]?.field).toBe('body.incurredOn');
    const closed = await t.app.inject({
      method: 'PUT',
      url: `/budgets/${budget.id}`,
      headers: admin.headers,
      payload: { version: budget.version, status: 'CLOSED' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expectError(await addExpense(admin, budget.id, expenseBody(100)), 409, 'CONFLICT');
    expect(await expensesIn(t.app, budget.id)).toHaveLength(0);
  });
});
