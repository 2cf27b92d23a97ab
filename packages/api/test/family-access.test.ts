import { schema } from '@caretracker/database';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { allocateBudget } from './helpers/budgets';
import { createActivePlan } from './helpers/care-factories';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { hoursFromNow, officeVisit } from './helpers/office';

/** PRODUCT.md "family": a family member's own CLIENT-role login sees what the client they act for sees, and no one else's. */
describe('family members acting for a client', () => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof createTeam>>;
  let b: Awaited<ReturnType<typeof createTeam>>;
  let admin: TestUser;
  let family: TestUser;
  let visitId: string;
  let otherVisitId: string;
  let budgetId: string;
  let planId: string;
  let conversationId: string;

  const call = (user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  const data = async (user: TestUser, url: string) => {
    const response = await call(user, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data;
  };
  const liveLinks = (familyUserId: string) =>
    t.app.deps.db
      .select()
      .from(schema.familyLinks)
      .where(and(eq(schema.familyLinks.familyUserId, familyUserId), isNull(schema.familyLinks.deletedAt)));
  const auditRows = (entityId: string, action: string) =>
    t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, entityId), eq(schema.auditLog.action, action)));
  const link = (by: TestUser, clientId: string, userId: string) =>
    call(by, 'POST', `/users/${clientId}/family-members`, { userId, relationship: 'Daughter' });

  beforeAll(async () => {
    t = await startApp();
    a = await createTeam(t.app);
    b = await createTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    family = await createUser(t.app, { role: 'CLIENT', firstName: 'Robin', lastName: 'Kinfolk' });
    visitId = (await officeVisit(t.app, { client: a.client, worker: a.worker, start: hoursFromNow(5) })).id;
    otherVisitId = (await officeVisit(t.app, { client: b.client, worker: b.worker, start: hoursFromNow(4) })).id;
    budgetId = (await allocateBudget(t.app, admin, a.client.id, { totalCents: 120_000 })).id;
    await allocateBudget(t.app, admin, b.client.id, { totalCents: 90_000 });
    planId = (await createActivePlan(t.app, { clientId: a.client.id })).plan.id;
    await createActivePlan(t.app, { clientId: b.client.id });
    const opened = await call(a.supervisor, 'POST', '/conversations', {
      clientId: a.client.id,
      subject: 'Bathroom rail',
      message: 'The rail is fitted on Tuesday',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    conversationId = opened.json().data.id;
  });
  afterAll(async () => t?.close());

  it('only an admin links a family member: supervisors, workers and clients get 403 and nothing is linked', async () => {
    for (const outsider of [a.supervisor, a.worker, a.client, family]) {
      const response = await link(outsider, a.client.id, family.id);
      expect(response.statusCode, response.body).toBe(403);
      expect((await call(outsider, 'GET', `/users/${a.client.id}/family-members`)).statusCode).toBe(403);
      const candidates = await call(outsider, 'GET', `/users/${a.client.id}/family-members/candidates?search=Kinfolk`);
      expect(candidates.statusCode, candidates.body).toBe(403);
    }
    expect(await liveLinks(family.id)).toHaveLength(0);
  });

  it('refuses a link to a client in care, to the client themself, or to someone who is not a client login', async () => {
    expect((await link(admin, a.client.id, b.client.id)).statusCode).toBe(422);
    expect((await link(admin, a.client.id, a.client.id)).statusCode).toBe(422);
    expect((await link(admin, a.client.id, a.worker.id)).statusCode).toBe(422);
    expect((await link(admin, a.worker.id, family.id)).statusCode).toBe(404);
    expect(await liveLinks(family.id)).toHaveLength(0);
  });

  it('an admin finds the logins that could act for the client: not clients in care, not the client, not staff', async () => {
    const found = async (clientId: string, search: string) =>
      (await data(admin, `/users/${clientId}/family-members/candidates?search=${encodeURIComponent(search)}`)).map(
        (candidate: { userId: string }) => candidate.userId,
      );
    expect(await found(a.client.id, 'Kinfolk')).toEqual([family.id]);
    expect(await found(a.client.id, family.email)).toEqual([family.id]);
    expect(await found(a.client.id, b.client.lastName)).not.toContain(b.client.id);
    expect(await found(a.client.id, a.client.lastName)).not.toContain(a.client.id);
    expect(await found(a.client.id, a.worker.lastName)).not.toContain(a.worker.id);
    expect((await call(admin, 'GET', `/users/${a.worker.id}/family-members/candidates`)).statusCode).toBe(404);
    const bad = await call(admin, 'GET', `/users/${a.client.id}/family-members/candidates?search=${'x'.repeat(101)}`);
    expect(bad.statusCode).toBe(400);
  });

  it('an admin links them (audited); the link shows on the client and in the family member’s own sign-in data', async () => {
    const response = await link(admin, a.client.id, family.id);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().data).toEqual([
      expect.objectContaining({ userId: family.id, firstName: 'Robin', lastName: 'Kinfolk', relationship: 'Daughter' }),
    ]);
    const [row] = await auditRows(a.client.id, 'FAMILY_MEMBER_LINKED');
    expect(row).toMatchObject({ actorId: admin.id, dataClassification: 'PHI' });
    expect((await link(admin, b.client.id, family.id)).statusCode).toBe(409);

    const me = await data(family, '/auth/me');
    expect(me.actsFor).toEqual({ id: a.client.id, firstName: a.client.firstName, lastName: a.client.lastName });
    expect((await data(a.client, '/auth/me')).actsFor).toBeNull();
    expect(await data(admin, `/users/${a.client.id}/family-members`)).toHaveLength(1);
    // Acting for someone now, they are no one else's candidate.
    const again = await data(admin, `/users/${b.client.id}/family-members/candidates?search=Kinfolk`);
    expect(again).toEqual([]);
  });

  it('the family member reads the client’s visits, budget, care plan, portal home and conversations', async () => {
    const visits = await data(family, '/visits?limit=100');
    expect(visits.map((v: { id: string }) => v.id)).toEqual([visitId]);
    expect((await data(family, `/visits/${visitId}`)).id).toBe(visitId);
    const budgets = await data(family, '/budgets');
    expect(budgets.map((x: { id: string }) => x.id)).toEqual([budgetId]);
    expect((await data(family, `/budgets/${budgetId}`)).id).toBe(budgetId);
    const plans = await data(family, '/careplans');
    expect(plans.map((p: { id: string }) => p.id)).toEqual([planId]);
    expect((await data(family, `/careplans/${planId}`)).id).toBe(planId);
    expect((await data(family, '/portal/home')).nextVisit.id).toBe(visitId);
    const threads = await data(family, '/conversations');
    expect(threads.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    const posted = await call(family, 'POST', `/conversations/${conversationId}/messages`, { body: 'Thank you' });
    expect(posted.statusCode, posted.body).toBe(201);
  });

  it('asks for a visit for the client, as the client would (unassigned, the request is the client’s)', async () => {
    const start = hoursFromNow(96);
    const asked = await call(family, 'POST', '/visits', {
      clientId: a.client.id,
      scheduledStart: start.toISOString(),
      scheduledEnd: new Date(start.getTime() + 3_600_000).toISOString(),
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().data).toMatchObject({ clientId: a.client.id, workerId: null });
  });

  it('gets 404 on another client’s records and cannot act for another client', async () => {
    expect((await call(family, 'GET', `/visits/${otherVisitId}`)).statusCode).toBe(404);
    const cancel = await call(family, 'POST', `/visits/${otherVisitId}/cancel`, { reason: 'Not needed this week' });
    expect(cancel.statusCode).toBe(404);
    const [other] = await t.app.deps.db.select().from(schema.visits).where(eq(schema.visits.id, otherVisitId));
    expect(other?.status).toBe('SCHEDULED');
    const start = hoursFromNow(72);
    const request = await call(family, 'POST', '/visits', {
      clientId: b.client.id,
      scheduledStart: start.toISOString(),
      scheduledEnd: new Date(start.getTime() + 3_600_000).toISOString(),
    });
    expect([403, 422]).toContain(request.statusCode);
    expect((await call(family, 'GET', `/budgets?clientId=${b.client.id}`)).json().data ?? []).toHaveLength(0);
  });

  it('cannot read or change the client’s own profile or account', async () => {
    expect((await call(family, 'GET', `/users/${a.client.id}`)).statusCode).toBe(404);
    const update = await call(family, 'PUT', `/users/${a.client.id}`, { profile: { phone: '+1 503 555 0111' } });
    expect(update.statusCode).toBe(404);
    const [profile] = await t.app.deps.db
      .select({ phone: schema.profiles.phone })
      .from(schema.profiles)
      .where(eq(schema.profiles.userId, a.client.id));
    expect(profile?.phone).toBe('+1 503 555 0000');
  });

  it('unlinking ends access at once (audited) and takes them out of the client’s conversations', async () => {
    expect((await call(a.supervisor, 'DELETE', `/users/${a.client.id}/family-members/${family.id}`)).statusCode).toBe(
      403,
    );
    expect(await liveLinks(family.id)).toHaveLength(1);
    const removed = await call(admin, 'DELETE', `/users/${a.client.id}/family-members/${family.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await auditRows(a.client.id, 'FAMILY_MEMBER_UNLINKED')).toHaveLength(1);
    expect((await call(family, 'GET', `/visits/${visitId}`)).statusCode).toBe(404);
    expect(await data(family, '/visits')).toEqual([]);
    expect((await data(family, '/auth/me')).actsFor).toBeNull();
    expect(await data(family, '/conversations')).toEqual([]);
    expect((await call(admin, 'DELETE', `/users/${a.client.id}/family-members/${family.id}`)).statusCode).toBe(404);
  });
});
