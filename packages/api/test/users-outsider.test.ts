import { randomUUID } from 'node:crypto';
import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

type Team = Awaited<ReturnType<typeof createTeam>>;

describe('users: outsiders get 404 (or 403 when they may see but not act) and nothing changes', () => {
  let t: TestApp;
  let a: Team & { unassignedClient: TestUser };
  let b: Team;
  beforeAll(async () => {
    t = await startApp();
    const teamA = await createTeam(t.app);
    const unassignedClient = await createUser(t.app, { role: 'CLIENT', supervisorId: teamA.supervisor.id });
    a = { ...teamA, unassignedClient };
    b = await createTeam(t.app);
  });
  afterAll(() => t.close());

  const call = (user: TestUser, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  /** Everything about a user an outsider's request could have touched. */
  async function snapshot(id: string) {
    const [user] = await t.app.deps.db.select().from(schema.users).where(eq(schema.users.id, id));
    const [profile] = await t.app.deps.db.select().from(schema.profiles).where(eq(schema.profiles.userId, id));
    return { user, profile };
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

  // Selectors, because the people exist only once beforeAll has run.
  const cases = [
    { who: 'another worker', actor: () => b.worker, target: () => a.worker },
    { who: 'a client, for another client', actor: () => b.client, target: () => a.client },
    { who: 'a supervisor outside the team', actor: () => b.supervisor, target: () => a.client },
    { who: 'a supervisor outside the team, for a worker', actor: () => b.supervisor, target: () => a.worker },
    { who: 'a worker, for a client not assigned to them', actor: () => a.worker, target: () => a.unassignedClient },
    { who: 'a client, for their own worker', actor: () => a.client, target: () => a.worker },
  ];

  describe.each([
    { method: 'GET' as const, payload: undefined },
    { method: 'PUT' as const, payload: { profile: { phone: '+1 503 555 0999' } } },
    { method: 'DELETE' as const, payload: undefined },
  ])('$method /users/:id', ({ method, payload }) => {
    it.each(cases)('$who: 404, the denial logged, the row unchanged', async ({ who, ...pick }) => {
      const [actor, target] = [pick.actor(), pick.target()];
      const before = await snapshot(target.id);
      const response = await call(actor, method, `/users/${target.id}`, payload);
      expectError(response, 404, 'NOT_FOUND');
      expect(response.body, who).not.toContain(target.lastName);
      expect(await snapshot(target.id)).toEqual(before);
      expect((await denials(actor.id, target.id)).length, who).toBeGreaterThan(0);
    });
  });

  it('a worker may read an assigned client but not change or delete them (403, unchanged)', async () => {
    const before = await snapshot(a.client.id);
    expectError(await call(a.worker, 'PUT', `/users/${a.client.id}`, { profile: { allergies: [] } }), 403, 'FORBIDDEN');
    expectError(
      await call(a.worker, 'PUT', `/users/${a.client.id}`, { profile: { phone: '+1 503 555 0998' } }),
      403,
      'FORBIDDEN',
    );
    expectError(await call(a.worker, 'DELETE', `/users/${a.client.id}`), 403, 'FORBIDDEN');
    expect(await snapshot(a.client.id)).toEqual(before);
  });

  it('a supervisor may not delete a team member (403, unchanged)', async () => {
    const before = await snapshot(a.worker.id);
    expectError(await call(a.supervisor, 'DELETE', `/users/${a.worker.id}`), 403, 'FORBIDDEN');
    expect(await snapshot(a.worker.id)).toEqual(before);
  });

  it('a client changes only their own contact fields', async () => {
    const client = await createUser(t.app, {
      role: 'CLIENT',
      profile: { medicalRecordNumber: `MRN-${randomUUID().slice(0, 8)}` },
    });
    const before = await snapshot(client.id);
    const name = expectError(
      await call(client, 'PUT', `/users/${client.id}`, { firstName: 'Renamed' }),
      403,
      'FORBIDDEN',
    );
    expect(name.details?.map((d) => d.field)).toEqual(['body.firstName']);
    const mrn = expectError(
      await call(client, 'PUT', `/users/${client.id}`, {
        profile: { phone: '+1 503 555 0123', medicalRecordNumber: 'MRN-MINE' },
      }),
      403,
      'FORBIDDEN',
    );
    expect(mrn.details?.map((d) => d.field)).toEqual(['body.profile.medicalRecordNumber']);
    expect(await snapshot(client.id)).toEqual(before);

    const phone = await call(client, 'PUT', `/users/${client.id}`, { profile: { phone: '+1 503 555 0123' } });
    expect(phone.statusCode, phone.body).toBe(200);
    expect(phone.json().data.profile.phone).toBe('+1 503 555 0123');
    expect((await snapshot(client.id)).profile?.phone).toBe('+1 503 555 0123');
  });

  it('GET /users as a client lists only themself', async () => {
    const list = (await call(a.client, 'GET', '/users?limit=100')).json();
    expect(list.data.map((u: { id: string }) => u.id)).toEqual([a.client.id]);
    expect(list.pagination.total).toBe(1);
    const searched = (await call(a.client, 'GET', `/users?search=${encodeURIComponent(b.client.lastName)}`)).json();
    expect(searched.data).toEqual([]);
  });

  it('GET /users as a supervisor never lists another team', async () => {
    const list = (await call(b.supervisor, 'GET', '/users?limit=100')).json();
    const ids: string[] = list.data.map((u: { id: string }) => u.id);
    expect(ids.sort()).toEqual([b.supervisor.id, b.worker.id, b.client.id].sort());
    for (const member of [a.supervisor, a.worker, a.client, a.unassignedClient]) {
      const searched = (await call(b.supervisor, 'GET', `/users?search=${encodeURIComponent(member.lastName)}`)).json();
      expect(searched.data).toEqual([]);
    }
  });

  it('GET /users as a worker never lists another worker or an unassigned client', async () => {
    const list = (await call(a.worker, 'GET', '/users?limit=100')).json();
    const ids: string[] = list.data.map((u: { id: string }) => u.id);
    expect(ids).not.toContain(a.unassignedClient.id);
    expect(ids).not.toContain(b.worker.id);
    expect(ids).not.toContain(a.supervisor.id);
  });

  it('POST /users: a supervisor cannot create an admin or supervisor; workers and clients create no one', async () => {
    const person = (role: string) => ({
      email: `outsider-${randomUUID().slice(0, 8)}@test.caretracker.dev`,
      password: 'Violet-Meadow-Lantern-12',
      role,
      firstName: 'Ola',
      lastName: 'Nordmann',
    });
    for (const [actor, role] of [
      [a.supervisor, 'ADMIN'],
      [a.supervisor, 'SUPERVISOR'],
      [a.worker, 'CLIENT'],
      [a.worker, 'WORKER'],
      [a.client, 'CLIENT'],
    ] as const) {
      const body = person(role);
      expectError(
        await t.app.inject({ method: 'POST', url: '/users', headers: actor.headers, payload: body }),
        403,
        'FORBIDDEN',
      );
      const rows = await t.app.deps.db.select().from(schema.users).where(eq(schema.users.email, body.email));
      expect(rows).toEqual([]);
    }
  });
});
