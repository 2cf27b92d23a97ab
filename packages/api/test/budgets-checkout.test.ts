import { schema } from '@caretracker/database';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { allocateBudget, type BudgetBody, budgetTeam, expensesIn, isoDay, notificationsAbout } from './helpers/budgets';
import { createActivePlan, createVisitRow, localClock } from './helpers/care-factories';
import type { TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

const HOME = { lat: 45.5, lng: -122.6, accuracyM: 10 };
const MINUTE = 60_000;

describe('budgets: a completed visit records its cost in the check-out transaction', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const post = (user: TestUser, url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: user.headers, payload });
  const read = async (user: TestUser, id: string) =>
    (await t.app.inject({ method: 'GET', url: `/budgets/${id}`, headers: user.headers })).json().data as BudgetBody;

  /** A team with a budget around today, and an hour-long visit at 24.00/h that started two minutes ago. */
  async function visitInBudget(options: { allocationCents?: number; dueDose?: boolean; budget?: boolean } = {}) {
    const team = await budgetTeam(t.app);
    const budget =
      options.budget === false
        ? null
        : await allocateBudget(t.app, team.admin, team.client.id, {
            periodStart: isoDay(-5),
            periodEnd: isoDay(5),
            totalCents: 10_000,
            allocations: [{ category: 'PERSONAL_CARE', amountCents: options.allocationCents ?? 10_000 }],
          });
    const { plan } = await createActivePlan(t.app, {
      clientId: team.client.id,
      medications: options.dueDose
        ? [{ name: 'Metformin', times: [localClock(new Date(Date.now() + 20 * MINUTE))] }]
        : [],
    });
    const visit = await createVisitRow(t.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(Date.now() - 2 * MINUTE),
      carePlanId: plan.id,
      rateCents: 2_400,
    });
    const checkedIn = await post(team.worker, `/visits/${visit.id}/checkin`, HOME);
    expect(checkedIn.statusCode, checkedIn.body).toBe(200);
    // Worked exactly an hour: 60 billable minutes × 24.00/h = 24.00.
    const start = new Date(Date.now() - 60 * MINUTE - 5_000);
    await t.app.deps.db.update(schema.visits).set({ actualStart: start }).where(eq(schema.visits.id, visit.id));
    return { ...team, budget, visit };
  }

  it('moves the visit from committed to spent: an APPROVED expense in its category for cost_cents, once', async () => {
    const { supervisor, worker, budget, visit } = await visitInBudget();
    const before = await read(supervisor, budget!.id);
    // The booked visit (in progress) is committed at its scheduled hour: 24.00.
    expect(before.totals).toMatchObject({ spentCents: 0, committedCents: 2_400 });

    const done = await post(worker, `/visits/${visit.id}/checkout`, HOME);
    expect(done.statusCode, done.body).toBe(200);
    const rows = await expensesIn(t.app, budget!.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      visitId: visit.id,
      category: 'PERSONAL_CARE',
      amountCents: 2_400,
      status: 'APPROVED',
      incurredOn: isoDay(0),
      createdBy: worker.id,
    });
    const after = await read(supervisor, budget!.id);
    expect(after.totals).toMatchObject({ spentCents: 2_400, committedCents: 0, remainingCents: 7_600 });
    expect(after.expenses[0]?.billing).toEqual({ billableMinutes: 60, rateCents: 2_400 });

    // A second check-out is refused by the visit's state, and nothing is billed twice.
    expectError(await post(worker, `/visits/${visit.id}/checkout`, HOME), 409, 'CONFLICT');
    expect(await expensesIn(t.app, budget!.id)).toHaveLength(1);
  });

  it('never refuses a check-out for budget reasons: an over-spending visit is recorded and the critical alert fires', async () => {
    const { client, worker, budget, visit } = await visitInBudget({ allocationCents: 2_000 });
    const done = await post(worker, `/visits/${visit.id}/checkout`, HOME);
    expect(done.statusCode, done.body).toBe(200);
    const data = await read(client, budget!.id);
    expect(data.categories[0]).toMatchObject({ spentCents: 2_400, remainingCents: -400, alertLevel: 'CRITICAL' });
    const notices = await notificationsAbout(t.app, client.id, budget!.id);
    expect(notices.map((n) => `${n.category} ${n.messageKey}`)).toEqual(['BUDGET_ALERT budgetCritical']);
  });

  it("the client's 'Budget alerts' preference governs the alert: turned off, no notification is made", async () => {
    const { client, worker, budget, visit } = await visitInBudget({ allocationCents: 2_000 });
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/notifications/preferences',
      headers: client.headers,
      payload: {
        preferences: [
          { category: 'BUDGET_ALERT', channel: 'IN_APP', setting: 'OFF' },
          { category: 'BUDGET_ALERT', channel: 'EMAIL', setting: 'OFF' },
        ],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const done = await post(worker, `/visits/${visit.id}/checkout`, HOME);
    expect(done.statusCode, done.body).toBe(200);
    expect((await read(client, budget!.id)).categories[0]).toMatchObject({ alertLevel: 'CRITICAL' });
    expect(await notificationsAbout(t.app, client.id, budget!.id)).toEqual([]);
  });

  it('a check-out that fails (a due dose unrecorded) records no expense', async () => {
    const { worker, budget, visit } = await visitInBudget({ dueDose: true });
    expectError(await post(worker, `/visits/${visit.id}/checkout`, HOME), 422, 'UNPROCESSABLE');
    expect(await expensesIn(t.app, budget!.id)).toHaveLength(0);
    const [row] = await t.app.deps.db.select().from(schema.visits).where(eq(schema.visits.id, visit.id));
    expect(row).toMatchObject({ status: 'IN_PROGRESS', costCents: null });
  });

  it('with no budget covering the visit date the check-out completes and nothing is recorded', async () => {
    const { worker, visit } = await visitInBudget({ budget: false });
    expect((await post(worker, `/visits/${visit.id}/checkout`, HOME)).statusCode).toBe(200);
    const rows = await t.app.deps.db.select().from(schema.expenses).where(eq(schema.expenses.visitId, visit.id));
    expect(rows).toHaveLength(0);
  });
});
