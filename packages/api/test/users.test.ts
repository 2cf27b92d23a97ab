import { randomUUID } from 'node:crypto';
import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

interface View {
  id: string;
  role: string;
  firstName: string;
  lastName: string;
  email?: string;
  version?: number;
  profile?: Record<string, unknown>;
}
interface Paged {
  data: View[];
  pagination: { page: number; limit: number; total: number; totalPages: number };
}

describe('users: reading and listing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const get = (user: TestUser, url: string) => t.app.inject({ method: 'GET', url, headers: user.headers });
  const phiReads = (actorId: string, entityId: string) =>
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

  async function teamWithRates() {
    const team = await createTeam(t.app);
    await t.app.deps.db
      .update(schema.profiles)
      .set({
        hourlyRateCents: 2850,
        insurance: { provider: 'Acme Health', policyNumber: 'P-1' },
        dateOfBirth: '1941-03-02',
      })
      .where(eq(schema.profiles.userId, team.client.id));
    await t.app.deps.db
      .update(schema.profiles)
      .set({ hourlyRateCents: 3100 })
      .where(eq(schema.profiles.userId, team.worker.id));
    return team;
  }

  it('a worker sees an assigned client as a briefing: allergies and contact, no MRN, insurance, birth date, email or rate', async () => {
    const { worker, client } = await teamWithRates();
    const response = await get(worker, `/users/${client.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json().data as View;
    expect(view).toMatchObject({ id: client.id, role: 'CLIENT', firstName: client.firstName });
    expect(view.profile).toMatchObject({
      allergies: ['Penicillin'],
      phone: '+1 503 555 0000',
      homeLocation: { lat: 45.5, lng: -122.6 },
    });
    for (const hidden of ['medicalRecordNumber', 'insurance', 'dateOfBirth', 'hourlyRateCents', 'alternatePhone']) {
      expect(view.profile).not.toHaveProperty(hidden);
    }
    for (const hidden of ['email', 'isActive', 'version', 'supervisorId']) expect(view).not.toHaveProperty(hidden);
    expect(await phiReads(worker.id, client.id)).toHaveLength(1);
  });

  it('a supervisor sees the whole record of a team member, billing included, and the read of a client is audited', async () => {
    const { supervisor, worker, client } = await teamWithRates();
    const clientView = (await get(supervisor, `/users/${client.id}`)).json().data as View;
    expect(clientView).toMatchObject({ email: client.email, version: 1, supervisorId: supervisor.id });
    expect(clientView.profile).toMatchObject({
      medicalRecordNumber: expect.stringMatching(/^MRN-/),
      dateOfBirth: '1941-03-02',
      hourlyRateCents: 2850,
    });
    const workerView = (await get(supervisor, `/users/${worker.id}`)).json().data as View;
    expect(workerView.profile?.hourlyRateCents).toBe(3100);
    expect(await phiReads(supervisor.id, client.id)).toHaveLength(1);
    expect(await phiReads(supervisor.id, worker.id)).toHaveLength(0);
  });

  it('clients and workers read their own record without billing; an own read is not a PHI read', async () => {
    const { worker, client } = await teamWithRates();
    const own = (await get(client, `/users/${client.id}`)).json().data as View;
    expect(own).toMatchObject({ email: client.email });
    expect(own.profile).toMatchObject({
      medicalRecordNumber: expect.any(String),
      insurance: { provider: 'Acme Health' },
    });
    expect(own.profile).not.toHaveProperty('hourlyRateCents');
    const workerOwn = (await get(worker, `/users/${worker.id}`)).json().data as View;
    expect(workerOwn.profile).not.toHaveProperty('hourlyRateCents');
    expect(await phiReads(client.id, client.id)).toHaveLength(0);
  });

  it('an admin sees everything, billing included', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const { client } = await teamWithRates();
    const view = (await get(admin, `/users/${client.id}`)).json().data as View;
    expect(view).toMatchObject({ email: client.email });
    expect(view.profile).toMatchObject({ hourlyRateCents: 2850, medicalRecordNumber: expect.any(String) });
  });

  it('an unknown id is 404 and a malformed one is 400 naming the parameter', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    expectError(await get(admin, `/users/${randomUUID()}`), 404, 'NOT_FOUND');
    const bad = expectError(await get(admin, '/users/not-a-uuid'), 400, 'VALIDATION_ERROR');
    expect(bad.details?.[0]?.field).toBe('params.id');
  });

  it('an admin lists by last then first name, with role and active filters and pages', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const tag = `Srt${randomUUID().slice(0, 8)}`;
    const c = await createUser(t.app, { role: 'CLIENT', firstName: 'Cara', lastName: `${tag}b` });
    const a = await createUser(t.app, { role: 'WORKER', firstName: 'Bea', lastName: `${tag}a` });
    const b = await createUser(t.app, { role: 'WORKER', firstName: 'Abe', lastName: `${tag}b`, isActive: false });

    const first = (await get(admin, `/users?search=${tag}&limit=2`)).json() as Paged;
    expect(first.data.map((u) => u.id)).toEqual([a.id, b.id]);
    expect(first.pagination).toEqual({ page: 1, limit: 2, total: 3, totalPages: 2 });
    const second = (await get(admin, `/users?search=${tag}&limit=2&page=2`)).json() as Paged;
    expect(second.data.map((u) => u.id)).toEqual([c.id]);

    const workers = (await get(admin, `/users?search=${tag}&role=WORKER`)).json() as Paged;
    expect(workers.data.map((u) => u.id)).toEqual([a.id, b.id]);
    const active = (await get(admin, `/users?search=${tag}&role=WORKER&isActive=true`)).json() as Paged;
    expect(active.data.map((u) => u.id)).toEqual([a.id]);
  });

  it('search matches first, last and full name, email for admins, and treats % and _ literally', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const tag = randomUUID().slice(0, 8);
    const plain = await createUser(t.app, { role: 'CLIENT', firstName: `Rosa${tag}`, lastName: `Lind${tag}` });
    const odd = await createUser(t.app, { role: 'CLIENT', firstName: 'Per', lastName: `Cent${tag}%_x` });
    const ids = async (search: string) =>
      ((await get(admin, `/users?search=${encodeURIComponent(search)}`)).json() as Paged).data.map((u) => u.id);
    expect(await ids(`rosa${tag}`)).toEqual([plain.id]);
    expect(await ids(`Rosa${tag} Lind`)).toEqual([plain.id]);
    expect(await ids(plain.email.toUpperCase())).toEqual([plain.id]);
    expect(await ids(`${tag}%_`)).toEqual([odd.id]);
    expect(await ids(`Cent${tag}__x`)).toEqual([]);
    expect(await ids('%')).not.toContain(plain.id);
  });

  it('a worker lists only self and assigned clients, shaped as briefings, and cannot search by email', async () => {
    const { worker, client } = await teamWithRates();
    const other = await createUser(t.app, { role: 'CLIENT' });
    const list = (await get(worker, '/users?limit=100')).json() as Paged;
    expect(list.data.map((u) => u.id).sort()).toEqual([worker.id, client.id].sort());
    const briefing = list.data.find((u) => u.id === client.id);
    expect(briefing?.profile).toHaveProperty('allergies');
    expect(briefing?.profile).not.toHaveProperty('medicalRecordNumber');
    expect(briefing).not.toHaveProperty('email');
    expect(list.data.map((u) => u.id)).not.toContain(other.id);
    const byEmail = (await get(worker, `/users?search=${encodeURIComponent(client.email)}`)).json() as Paged;
    expect(byEmail.data).toEqual([]);
    expect(await phiReads(worker.id, client.id)).toHaveLength(1);
  });

  it('a supervisor lists self and the team; soft-deleted users never appear', async () => {
    const { supervisor, worker, client } = await createTeam(t.app);
    const gone = await createUser(t.app, { role: 'WORKER', supervisorId: supervisor.id });
    await t.app.deps.db.update(schema.users).set({ deletedAt: new Date() }).where(eq(schema.users.id, gone.id));
    const list = (await get(supervisor, '/users')).json() as Paged;
    expect(list.data.map((u) => u.id).sort()).toEqual([supervisor.id, worker.id, client.id].sort());
    expect(list.pagination.total).toBe(3);
  });

  it('bad list parameters answer 400 naming each one', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const body = expectError(await get(admin, '/users?limit=101&role=KING'), 400, 'VALIDATION_ERROR');
    const fields = body.details?.map((d) => d.field) ?? [];
    expect(fields).toEqual(expect.arrayContaining(['querystring.limit', 'querystring.role']));
  });

  it('needs a signed-in caller', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/users' }), 401, 'UNAUTHORIZED');
  });
});
