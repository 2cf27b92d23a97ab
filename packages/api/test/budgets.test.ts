import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { allocateBudget, atTen, type BudgetBody, budgetRow, budgetTeam, expenseBody, isoDay } from './helpers/budgets';
import { createUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { insertVisit } from './helpers/visits';

const MINUTE = 60_000;

describe('budgets: allocation, arithmetic and forecast', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const inject = (method: 'GET' | 'POST' | 'PUT', url: string, headers: object, payload?: object) =>
    t.app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });

  it('computes spent, pending, committed, remaining and utilization per category and in total, in exact cents', async () => {
    const { admin, supervisor, worker, client } = await budgetTeam(t.app);
    const budget = await allocateBudget(t.app, admin, client.id, {
      totalCents: 100_000,
      approvalLimitCents: 5_000,
      allocations: [
        { category: 'PERSONAL_CARE', amountCents: 60_000 },
        { category: 'MEDICAL_SERVICES', amountCents: 20_000 },
        { category: 'TRANSPORTATION', amountCents: 10_000 },
      ],
    });
    for (const [amount, category] of [
      [1_234, 'TRANSPORTATION'],
      [4_320, 'TRANSPORTATION'],
      [7_000, 'MEDICAL_SERVICES'], // above the approval limit: PENDING
    ] as const) {
      const added = await inject(
        'POST',
        `/budgets/${budget.id}/expenses`,
        supervisor.headers,
        expenseBody(amount, category),
      );
      expect(added.statusCode, added.body).toBe(201);
    }
    const visit = (start: Date, minutes: number, extra: Partial<typeof schema.visits.$inferInsert>) =>
      insertVisit(t.app, { client, worker, start, end: new Date(start.getTime() + minutes * MINUTE), ...extra });
    // Committed: 90 min × 20.00/h = 30.00 personal care; skilled nursing 45 min × 33.33/h = 25.0025 → 25.00 medical.
    await visit(atTen(1), 90, { rateCents: 2_000 });
    await visit(atTen(2), 45, { rateCents: 3_333, status: 'CONFIRMED', serviceType: 'SKILLED_NURSING' });
    // Not committed: cancelled, already completed (its cost is recorded at check-out), outside the period.
    await visit(atTen(3), 60, {
      rateCents: 9_999,
      status: 'CANCELLED',
      cancellationReason: 'Client in hospital',
      cancelledAt: new Date(),
    });
    await visit(atTen(-2), 60, { rateCents: 9_999, status: 'COMPLETED' });
    await visit(atTen(40), 60, { rateCents: 9_999 });

    const read = await inject('GET', `/budgets/${budget.id}`, client.headers);
    expect(read.statusCode, read.body).toBe(200);
    const data = read.json().data as BudgetBody;
    const byCategory = Object.fromEntries(data.categories.map(({ category, ...rest }) => [category, rest]));
    expect(byCategory).toEqual({
      PERSONAL_CARE: {
        allocationCents: 60_000,
        spentCents: 0,
        pendingCents: 0,
        committedCents: 3_000,
        remainingCents: 60_000,
        uncommittedCents: 57_000,
        utilizationPct: 0,
        alertLevel: 'NONE',
      },
      MEDICAL_SERVICES: {
        allocationCents: 20_000,
        spentCents: 0,
        pendingCents: 7_000,
        committedCents: 2_500,
        remainingCents: 13_000,
        uncommittedCents: 10_500,
        utilizationPct: 35,
        alertLevel: 'NONE',
      },
      TRANSPORTATION: {
        allocationCents: 10_000,
        spentCents: 5_554,
        pendingCents: 0,
        committedCents: 0,
        remainingCents: 4_446,
        uncommittedCents: 4_446,
        utilizationPct: 55.5,
        alertLevel: 'NONE',
      },
    });
    expect(data.totals).toEqual({
      allocationCents: 100_000,
      allocatedCents: 90_000,
      spentCents: 5_554,
      pendingCents: 7_000,
      committedCents: 5_500,
      remainingCents: 87_446,
      uncommittedCents: 81_946,
      utilizationPct: 12.6,
      alertLevel: 'NONE',
    });
    expect(data.expenses.map((e) => [e.amountCents, e.status])).toEqual(
      expect.arrayContaining([
        [1_234, 'APPROVED'],
        [4_320, 'APPROVED'],
        [7_000, 'PENDING'],
      ]),
    );

    // Forecast: 10 of 30 days elapsed. Transportation 5554 ÷ 10 × 30 = 16662 (over its 10000);
    // total 16662 + 5500 committed = 22162. Pending expenses are not spent yet.
    const forecast = await inject('GET', `/budgets/${budget.id}/forecast`, supervisor.headers);
    expect(forecast.statusCode, forecast.body).toBe(200);
    const f = forecast.json().data;
    expect(f).toMatchObject({ periodDays: 30, elapsedDays: 10, formula: expect.stringContaining('elapsed days') });
    expect(f.total).toEqual({
      allocationCents: 100_000,
      spentCents: 5_554,
      committedCents: 5_500,
      projectedCents: 22_162,
      projectedRemainingCents: 77_838,
      projectedUtilizationPct: 22.2,
      overBudget: false,
    });
    const forecastOf = (category: string) => f.categories.find((c: { category: string }) => c.category === category);
    expect(forecastOf('TRANSPORTATION')).toMatchObject({
      projectedCents: 16_662,
      projectedRemainingCents: -6_662,
      overBudget: true,
    });
    expect(forecastOf('MEDICAL_SERVICES')).toMatchObject({
      spentCents: 0,
      committedCents: 2_500,
      projectedCents: 2_500,
    });
    expect(forecastOf('PERSONAL_CARE')).toMatchObject({ projectedCents: 3_000, overBudget: false });
  });

  it('refuses allocations that sum above the total (422), nothing written', async () => {
    const { admin, client } = await budgetTeam(t.app);
    const refused = expectError(
      await inject('POST', '/budgets', admin.headers, {
        clientId: client.id,
        periodType: 'MONTHLY',
        periodStart: '2031-01-01',
        totalCents: 10_000,
        allocations: [
          { category: 'PERSONAL_CARE', amountCents: 6_000 },
          { category: 'TRANSPORTATION', amountCents: 4_001 },
        ],
        fundingSource: 'Private pay',
      }),
      422,
      'UNPROCESSABLE',
    );
    expect(refused.details).toEqual({ allocatedCents: 10_001, totalCents: 10_000 });
    const rows = await t.app.deps.db.select().from(schema.budgets).where(eq(schema.budgets.clientId, client.id));
    expect(rows).toHaveLength(0);
  });

  it('one budget per client per overlapping period: 409 from the exclusion constraint; an adjacent period is fine', async () => {
    const { admin, client } = await budgetTeam(t.app);
    const january = await allocateBudget(t.app, admin, client.id, {
      periodStart: '2031-01-01',
      periodEnd: '2031-01-31',
    });
    const clash = expectError(
      await inject('POST', '/budgets', admin.headers, {
        clientId: client.id,
        periodType: 'WEEKLY',
        periodStart: '2031-01-29',
        totalCents: 5_000,
        fundingSource: 'Private pay',
      }),
      409,
      'CONFLICT',
    );
    expect(clash.details).toMatchObject({ clashing: [{ id: january.id }] });
    // February (end derived from the period type) does not overlap.
    const february = await inject('POST', '/budgets', admin.headers, {
      clientId: client.id,
      periodType: 'MONTHLY',
      periodStart: '2031-02-01',
      totalCents: 5_000,
      fundingSource: 'Private pay',
    });
    expect(february.statusCode, february.body).toBe(201);
    expect(february.json().data).toMatchObject({ periodStart: '2031-02-01', periodEnd: '2031-02-28' });
    // Moving February onto January conflicts too.
    const moved = await inject('PUT', `/budgets/${february.json().data.id}`, admin.headers, {
      version: 1,
      periodStart: '2031-01-15',
      periodEnd: '2031-02-28',
    });
    expectError(moved, 409, 'CONFLICT');
  });

  it('validates input: thresholds in order, unknown fields, duplicate categories (400); a non-client (422)', async () => {
    const { admin, worker, client } = await budgetTeam(t.app);
    const base = {
      clientId: client.id,
      periodType: 'MONTHLY',
      periodStart: '2032-01-01',
      totalCents: 1_000,
      fundingSource: 'X',
    };
    const thresholds = expectError(
      await inject('POST', '/budgets', admin.headers, { ...base, warningThresholdPct: 90, criticalThresholdPct: 90 }),
      400,
      'VALIDATION_ERROR',
    );
    expect(thresholds.details?.map((d) => d.field)).toContain('body.criticalThresholdPct');
    expectError(
      await inject('POST', '/budgets', admin.headers, { ...base, totalCents: 10.5 }),
      400,
      'VALIDATION_ERROR',
    );
    expectError(
      await inject('POST', '/budgets', admin.headers, {
        ...base,
        allocations: [
          { category: 'OTHER', amountCents: 1 },
          { category: 'OTHER', amountCents: 2 },
        ],
      }),
      400,
      'VALIDATION_ERROR',
    );
    expectError(await inject('POST', '/budgets', admin.headers, { ...base, surprise: 1 }), 400, 'VALIDATION_ERROR');
    expectError(
      await inject('POST', '/budgets', admin.headers, { ...base, clientId: worker.id }),
      422,
      'UNPROCESSABLE',
    );
  });

  it('an admin changes a budget with a version check (409 when stale); old and new values are audited', async () => {
    const { admin, client } = await budgetTeam(t.app);
    const budget = await allocateBudget(t.app, admin, client.id, {
      periodStart: '2033-03-01',
      periodEnd: '2033-03-31',
    });
    const changed = await inject('PUT', `/budgets/${budget.id}`, admin.headers, {
      version: budget.version,
      totalCents: 150_000,
      allocations: [
        { category: 'PERSONAL_CARE', amountCents: 120_000 },
        { category: 'TRANSPORTATION', amountCents: 30_000 },
      ],
      approvalLimitCents: 10_000,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().data).toMatchObject({ version: 2, totalCents: 150_000, approvalLimitCents: 10_000 });
    expectError(
      await inject('PUT', `/budgets/${budget.id}`, admin.headers, { version: 1, totalCents: 1 }),
      409,
      'CONFLICT',
    );
    expectError(
      await inject('PUT', `/budgets/${budget.id}`, admin.headers, { version: 2, totalCents: 100_000 }),
      422,
      'UNPROCESSABLE',
    );
    expect(await budgetRow(t.app, budget.id)).toMatchObject({ version: 2, totalCents: 150_000 });
    const [audit] = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, budget.id), eq(schema.auditLog.action, 'BUDGET_UPDATED')));
    expect(audit).toMatchObject({
      dataClassification: 'PHI',
      actorId: admin.id,
      oldValues: { totalCents: 100_000, approvalLimitCents: null, allocations: { PERSONAL_CARE: 100_000 } },
      newValues: {
        totalCents: 150_000,
        approvalLimitCents: 10_000,
        allocations: { PERSONAL_CARE: 120_000, TRANSPORTATION: 30_000 },
      },
    });
  });

  it('lists the budgets a supervisor may see with filters and pagination; a client sees only their own', async () => {
    const { admin, supervisor, client } = await budgetTeam(t.app);
    const other = await createUser(t.app, { role: 'CLIENT', supervisorId: supervisor.id });
    const mine = await allocateBudget(t.app, admin, client.id, { periodStart: '2034-01-01', periodEnd: '2034-01-31' });
    await allocateBudget(t.app, admin, client.id, { periodStart: '2034-02-01', periodEnd: '2034-02-28' });
    await allocateBudget(t.app, admin, other.id, { periodStart: '2034-01-01', periodEnd: '2034-01-31' });
    const page = await inject(
      'GET',
      '/budgets?periodStart=2034-01-01&periodEnd=2034-01-31&limit=1',
      supervisor.headers,
    );
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().pagination).toEqual({ page: 1, limit: 1, total: 2, totalPages: 2 });
    const own = await inject('GET', '/budgets?periodStart=2034-01-01&periodEnd=2034-01-31', client.headers);
    expect(own.json().data.map((b: { id: string }) => b.id)).toEqual([mine.id]);
    expect(own.json().data[0]).toMatchObject({ clientId: client.id, totalCents: 100_000, spentCents: 0 });
    expectError(await inject('GET', '/budgets?limit=101', admin.headers), 400, 'VALIDATION_ERROR');
  });

  it('a visit expense shows rates and minutes to staff only; the client sees the amount', async () => {
    const { admin, supervisor, worker, client } = await budgetTeam(t.app);
    const budget = await allocateBudget(t.app, admin, client.id, { periodStart: isoDay(-3), periodEnd: isoDay(3) });
    const visit = await insertVisit(t.app, {
      client,
      worker,
      start: atTen(-1),
      end: new Date(atTen(-1).getTime() + 60 * MINUTE),
      status: 'COMPLETED',
      billableMinutes: 60,
      rateCents: 2_500,
      costCents: 2_500,
    });
    await t.app.deps.db.insert(schema.expenses).values({
      budgetId: budget.id,
      category: 'PERSONAL_CARE',
      amountCents: 2_500,
      description: 'Visit',
      incurredOn: isoDay(-1),
      visitId: visit.id,
    });
    const asClient = (await inject('GET', `/budgets/${budget.id}`, client.headers)).json().data as BudgetBody;
    expect(asClient.expenses[0]).toMatchObject({ amountCents: 2_500, visitId: visit.id });
    expect(asClient.expenses[0]).not.toHaveProperty('billing');
    const asSupervisor = (await inject('GET', `/budgets/${budget.id}`, supervisor.headers)).json().data as BudgetBody;
    expect(asSupervisor.expenses[0]?.billing).toEqual({ billableMinutes: 60, rateCents: 2_500 });
  });
});
