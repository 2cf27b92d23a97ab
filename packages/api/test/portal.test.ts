import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { allocateBudget, type BudgetBody, isoDay } from './helpers/budgets';
import { createActivePlan } from './helpers/care-factories';
import { assignToCareTeam, createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { hoursFromNow, officeVisit } from './helpers/office';

const PHONE = '+1 971 555 0199';

describe('client portal API', () => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof createTeam>>;
  let b: Awaited<ReturnType<typeof createTeam>>;
  let backup: TestUser;
  let admin: TestUser;
  let loner: TestUser;
  let nextId: string;
  let budget: BudgetBody;
  let planId: string;

  const get = (user: TestUser, url: string) => t.app.inject({ method: 'GET', url, headers: user.headers });
  const ok = async (user: TestUser, url: string) => {
    const response = await get(user, url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data;
  };

  beforeAll(async () => {
    t = await startApp({ config: { AGENCY_PHONE: PHONE } });
    a = await createTeam(t.app);
    b = await createTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    backup = await createUser(t.app, { role: 'WORKER', supervisorId: a.supervisor.id });
    await assignToCareTeam(t.app, a.client.id, backup.id, 'BACKUP');
    loner = await createUser(t.app, { role: 'CLIENT' });

    // Team A's client: a past and a cancelled visit (not "next"), the next one, a later one.
    await officeVisit(t.app, { client: a.client, worker: a.worker, start: hoursFromNow(-30), status: 'COMPLETED' });
    await officeVisit(t.app, { client: a.client, worker: a.worker, start: hoursFromNow(2), status: 'CANCELLED' });
    nextId = (await officeVisit(t.app, { client: a.client, worker: a.worker, start: hoursFromNow(5) })).id;
    await officeVisit(t.app, { client: a.client, worker: backup, start: hoursFromNow(50) });
    // Team B's client has an earlier visit: it must not show up for A.
    await officeVisit(t.app, { client: b.client, worker: b.worker, start: hoursFromNow(1) });

    budget = await allocateBudget(t.app, admin, a.client.id, { totalCents: 250_000, periodStart: isoDay(-3) });
    await allocateBudget(t.app, admin, b.client.id, { totalCents: 90_000 });
    planId = (await createActivePlan(t.app, { clientId: a.client.id })).plan.id;

    // Two messages from the worker in a thread with the client: two unread.
    const opened = await t.app.inject({
      method: 'POST',
      url: '/conversations',
      headers: a.supervisor.headers,
      payload: { clientId: a.client.id, subject: 'Next week', message: 'Hello Pat' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const conversationId = opened.json().data.id as string;
    const added = await t.app.inject({
      method: 'POST',
      url: `/conversations/${conversationId}/participants`,
      headers: a.supervisor.headers,
      payload: { userId: a.client.id },
    });
    expect([200, 201, 409]).toContain(added.statusCode);
    const sent = await t.app.inject({
      method: 'POST',
      url: `/conversations/${conversationId}/messages`,
      headers: a.supervisor.headers,
      payload: { body: 'Your worker will be a little early' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
  });
  afterAll(async () => t?.close());

  it('GET /portal/home: the next visit with who is coming, the budget left, unread messages, review date, the office', async () => {
    const home = await ok(a.client, '/portal/home');
    expect(home.nextVisit).toMatchObject({
      id: nextId,
      status: 'SCHEDULED',
      serviceType: 'PERSONAL_CARE',
      worker: { id: a.worker.id, firstName: a.worker.firstName, lastName: a.worker.lastName },
    });
    expect(home.upcomingCount).toBe(2);
    // The same figures as the budget's own answer.
    const full = (await ok(a.client, `/budgets/${budget.id}`)) as BudgetBody;
    expect(home.budget).toMatchObject({
      id: budget.id,
      allocationCents: full.totals.allocationCents,
      remainingCents: full.totals.remainingCents,
      committedCents: full.totals.committedCents,
      usedCents: full.totals.spentCents + full.totals.pendingCents,
      alertLevel: full.totals.alertLevel,
    });
    expect(home.unreadMessages).toBe(2);
    const plan = await ok(a.client, `/careplans/${planId}`);
    expect(home.carePlan).toEqual({ id: planId, title: plan.title, nextReviewOn: plan.nextReviewOn });
    expect(home.office).toEqual({
      supervisor: { id: a.supervisor.id, firstName: a.supervisor.firstName, lastName: a.supervisor.lastName },
      phone: PHONE,
    });
    expect(home.timeZone).toBe('America/Los_Angeles');
  });

  it('shows the visit under way (checked in) as the next visit, with its live status', async () => {
    const c = await createUser(t.app, { role: 'CLIENT', supervisorId: a.supervisor.id });
    const underWay = await officeVisit(t.app, {
      client: c,
      worker: a.worker,
      start: hoursFromNow(-0.5),
      status: 'IN_PROGRESS',
    });
    await officeVisit(t.app, { client: c, worker: a.worker, start: hoursFromNow(3) });
    const home = await ok(c, '/portal/home');
    expect(home.nextVisit).toMatchObject({ id: underWay.id, status: 'IN_PROGRESS' });
    expect(home.nextVisit.actualStart).not.toBeNull();
  });

  it("names nothing of another client's: B's home has only B's records", async () => {
    const home = await ok(b.client, '/portal/home');
    const text = JSON.stringify(home);
    for (const value of [a.client.id, a.worker.id, a.supervisor.id, nextId, budget.id, planId, a.worker.lastName]) {
      expect(text).not.toContain(value);
    }
    expect(home.nextVisit.worker.id).toBe(b.worker.id);
    expect(home.office.supervisor.id).toBe(b.supervisor.id);
    expect(home.unreadMessages).toBe(0);
  });

  it('a client with nothing yet gets empty answers, not errors', async () => {
    const home = await ok(loner, '/portal/home');
    expect(home).toMatchObject({
      nextVisit: null,
      upcomingCount: 0,
      budget: null,
      unreadMessages: 0,
      carePlan: null,
      office: { supervisor: null, phone: PHONE },
    });
    expect(await ok(loner, '/portal/care-team')).toEqual({ workers: [], office: { supervisor: null, phone: PHONE } });
  });

  it('GET /portal/care-team: the primary and backup workers by name, the supervisor, the phone; no staff contact details', async () => {
    const team = await ok(a.client, '/portal/care-team');
    expect(team.workers).toEqual([
      { id: a.worker.id, firstName: a.worker.firstName, lastName: a.worker.lastName, assignmentRole: 'PRIMARY' },
      { id: backup.id, firstName: backup.firstName, lastName: backup.lastName, assignmentRole: 'BACKUP' },
    ]);
    expect(team.office.supervisor.id).toBe(a.supervisor.id);
    const text = JSON.stringify(team);
    expect(text).not.toContain('555 0000'); // the staff's own profile phones
    expect(text).not.toContain('@test.caretracker.dev');
    expect(text).not.toContain(b.worker.id);
  });

  it('is for clients only: workers, supervisors and admins get 403 in the shared error shape', async () => {
    for (const user of [a.worker, a.supervisor, admin]) {
      for (const url of ['/portal/home', '/portal/care-team']) {
        expectError(await get(user, url), 403, 'FORBIDDEN');
      }
    }
  });

  it('refuses signed-out callers (401) and unknown query parameters (400)', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/portal/home' });
    expect(anonymous.statusCode).toBe(401);
    expectError(await get(a.client, `/portal/home?clientId=${b.client.id}`), 400, 'VALIDATION_ERROR');
    expectError(await get(a.client, '/portal/care-team?x=1'), 400, 'VALIDATION_ERROR');
  });
});
