import { randomUUID } from 'node:crypto';
import { schema } from '@caretracker/database';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

const GOOD_PASSWORD = 'Violet-Meadow-Lantern-12';

describe('users: creating, updating and deleting', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startApp();
    admin = await createUser(t.app, { role: 'ADMIN' });
  });
  afterAll(() => t.close());

  const send = (user: TestUser, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  const newPerson = (overrides: Record<string, unknown> = {}) => ({
    email: `new-${randomUUID().slice(0, 8)}@test.caretracker.dev`,
    password: GOOD_PASSWORD,
    role: 'WORKER',
    firstName: 'Noor',
    lastName: 'Haddad',
    ...overrides,
  });
  const auditRows = (entityId: string, action: string) =>
    t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, entityId), eq(schema.auditLog.action, action)))
      .orderBy(desc(schema.auditLog.seq));
  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password, tokenDelivery: 'body' } });

  it('an admin creates a user in one go: record, profile, password history, audit without secrets, verification email', async () => {
    const body = newPerson({
      role: 'CLIENT',
      profile: { phone: '+1 503 555 0101', allergies: ['Latex'], hourlyRateCents: 2500 },
    });
    const response = await send(admin, 'POST', '/users', body);
    expect(response.statusCode, response.body).toBe(201);
    const view = response.json().data;
    expect(view).toMatchObject({ email: body.email, role: 'CLIENT', isActive: true, emailVerified: false, version: 1 });
    expect(view.profile).toMatchObject({ phone: '+1 503 555 0101', allergies: ['Latex'], hourlyRateCents: 2500 });

    const [row] = await t.app.deps.db.select().from(schema.users).where(eq(schema.users.id, view.id));
    expect(row?.createdBy).toBe(admin.id);
    expect(row?.passwordHash).not.toContain(GOOD_PASSWORD);
    const history = await t.app.deps.db
      .select()
      .from(schema.passwordHistory)
      .where(eq(schema.passwordHistory.userId, view.id));
    expect(history).toHaveLength(1);
    const [created] = await auditRows(view.id, 'USER_CREATED');
    expect(created).toMatchObject({ actorId: admin.id, dataClassification: 'PHI' });
    expect(created?.newValues).toMatchObject({ email: body.email, role: 'CLIENT', profile: { allergies: ['Latex'] } });
    expect(JSON.stringify(created?.newValues)).not.toContain(GOOD_PASSWORD);
    const mail = await t.app.deps.db
      .select()
      .from(schema.emailOutbox)
      .where(eq(schema.emailOutbox.toAddress, body.email));
    expect(mail.map((m) => m.subject)).toContain('Confirm your CareTracker email address');

    expect((await login(body.email, GOOD_PASSWORD)).json().data.status).toBe('authenticated');
  });

  it('a supervisor creates workers and clients into their own team only, without billing', async () => {
    const { supervisor } = await createTeam(t.app);
    const response = await send(
      supervisor,
      'POST',
      '/users',
      newPerson({ role: 'CLIENT', profile: { allergies: ['Nuts'] } }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().data).toMatchObject({ role: 'CLIENT', supervisorId: supervisor.id });
    const own = await send(supervisor, 'POST', '/users', newPerson({ supervisorId: supervisor.id }));
    expect(own.statusCode).toBe(201);

    const other = await createUser(t.app, { role: 'SUPERVISOR' });
    expectError(await send(supervisor, 'POST', '/users', newPerson({ supervisorId: other.id })), 403, 'FORBIDDEN');
    const billing = expectError(
      await send(supervisor, 'POST', '/users', newPerson({ profile: { hourlyRateCents: 100 } })),
      403,
      'FORBIDDEN',
    );
    expect(billing.details?.map((d) => d.field)).toEqual(['body.profile.hourlyRateCents']);
  });

  it('an admin may only place workers and clients under an existing supervisor', async () => {
    const worker = await createUser(t.app, { role: 'WORKER' });
    expectError(await send(admin, 'POST', '/users', newPerson({ supervisorId: worker.id })), 422, 'UNPROCESSABLE');
    const { supervisor } = await createTeam(t.app);
    expectError(
      await send(admin, 'POST', '/users', newPerson({ role: 'ADMIN', supervisorId: supervisor.id })),
      422,
      'UNPROCESSABLE',
    );
  });

  it('refuses bad input with 400 naming each field', async () => {
    const fieldsOf = async (payload: object) => [
      ...new Set(
        expectError(await send(admin, 'POST', '/users', payload), 400, 'VALIDATION_ERROR').details?.map((d) => d.field),
      ),
    ];
    expect(await fieldsOf(newPerson({ nickname: 'x' }))).toEqual(['body.nickname']);
    expect(await fieldsOf(newPerson({ firstName: 5 }))).toEqual(['body.firstName']);
    expect(await fieldsOf(newPerson({ email: 'not-an-email' }))).toEqual(['body.email']);
    expect(await fieldsOf(newPerson({ password: 'Lantern-9' }))).toEqual(['body.password']);
    expect(await fieldsOf(newPerson({ password: 'Noor-Haddad-2024-x' }))).toEqual(['body.password']);
    expect(await fieldsOf(newPerson({ profile: { phone: 'call me' } }))).toEqual(['body.profile.phone']);
  });

  it('a live email is taken whatever its case (409 naming the field); a deleted user’s email is free again', async () => {
    const body = newPerson();
    expect((await send(admin, 'POST', '/users', body)).statusCode).toBe(201);
    const dup = expectError(
      await send(admin, 'POST', '/users', { ...body, email: body.email.toUpperCase() }),
      409,
      'CONFLICT',
    );
    expect(dup.details?.[0]?.field).toBe('body.email');
    const other = await createUser(t.app, { role: 'WORKER' });
    expectError(await send(admin, 'PUT', `/users/${other.id}`, { email: body.email }), 409, 'CONFLICT');
  });

  it('a medical record number belongs to one client (409 naming the field, nothing created)', async () => {
    const { client } = await createTeam(t.app);
    const [profile] = await t.app.deps.db.select().from(schema.profiles).where(eq(schema.profiles.userId, client.id));
    const body = newPerson({ role: 'CLIENT', profile: { medicalRecordNumber: profile?.medicalRecordNumber } });
    const dup = expectError(await send(admin, 'POST', '/users', body), 409, 'CONFLICT');
    expect(dup.details?.[0]?.field).toBe('body.profile.medicalRecordNumber');
    expect(await t.app.deps.db.select().from(schema.users).where(eq(schema.users.email, body.email))).toEqual([]);
  });

  it('a changed email must be confirmed again', async () => {
    const worker = await createUser(t.app, { role: 'WORKER' });
    const email = `moved-${randomUUID().slice(0, 8)}@test.caretracker.dev`;
    const response = await send(admin, 'PUT', `/users/${worker.id}`, { email: email.toUpperCase() });
    expect(response.json().data).toMatchObject({ email, emailVerified: false });
    const mail = await t.app.deps.db.select().from(schema.emailOutbox).where(eq(schema.emailOutbox.toAddress, email));
    expect(mail).toHaveLength(1);
  });

  it('an update bumps the version, refuses a stale one, and audits only the changed fields', async () => {
    const { supervisor, client } = await createTeam(t.app);
    const first = await send(supervisor, 'PUT', `/users/${client.id}`, {
      version: 1,
      lastName: client.lastName,
      profile: { allergies: ['Penicillin', 'Latex'], specialNeeds: 'Hard of hearing' },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().data).toMatchObject({ version: 2, profile: { allergies: ['Penicillin', 'Latex'] } });

    const stale = expectError(
      await send(supervisor, 'PUT', `/users/${client.id}`, { version: 1, firstName: 'Late' }),
      409,
      'CONFLICT',
    );
    expect(stale.details).toEqual({ currentVersion: 2 });
    const [row] = await t.app.deps.db.select().from(schema.users).where(eq(schema.users.id, client.id));
    expect(row).toMatchObject({ firstName: client.firstName, version: 2, updatedBy: supervisor.id });

    const [audit] = await auditRows(client.id, 'USER_UPDATED');
    expect(audit?.actorId).toBe(supervisor.id);
    expect(audit?.oldValues).toEqual({ 'profile.allergies': ['Penicillin'], 'profile.specialNeeds': null });
    expect(audit?.newValues).toEqual({
      'profile.allergies': ['Penicillin', 'Latex'],
      'profile.specialNeeds': 'Hard of hearing',
    });
  });

  it('role, active flag, supervisor and email are for admins only; nothing is written when one field is refused', async () => {
    const { supervisor, worker } = await createTeam(t.app);
    const refused = expectError(
      await send(supervisor, 'PUT', `/users/${worker.id}`, {
        firstName: 'Changed',
        isActive: false,
        email: 'x@test.caretracker.dev',
      }),
      403,
      'FORBIDDEN',
    );
    expect(refused.details?.map((d) => d.field).sort()).toEqual(['body.email', 'body.isActive']);
    const [row] = await t.app.deps.db.select().from(schema.users).where(eq(schema.users.id, worker.id));
    expect(row).toMatchObject({ firstName: worker.firstName, isActive: true, version: 1 });

    const promoted = await send(admin, 'PUT', `/users/${worker.id}`, { role: 'SUPERVISOR', supervisorId: null });
    expect(promoted.json().data).toMatchObject({ role: 'SUPERVISOR', supervisorId: null });
  });

  it('deactivating a user ends all their sessions at once', async () => {
    const worker = await createUser(t.app, { role: 'WORKER' });
    const me = () => t.app.inject({ method: 'GET', url: '/auth/me', headers: worker.headers });
    expect((await me()).statusCode).toBe(200);
    const response = await send(admin, 'PUT', `/users/${worker.id}`, { isActive: false });
    expect(response.json().data).toMatchObject({ isActive: false });
    expectError(await me(), 401, 'UNAUTHORIZED');
    expectError(await login(worker.email, worker.password), 401, 'UNAUTHORIZED');
    const [audit] = await auditRows(worker.id, 'USER_UPDATED');
    expect(audit).toMatchObject({ oldValues: { isActive: true }, newValues: { isActive: false } });
  });

  it('an admin cannot deactivate themself or change their own role', async () => {
    const other = await createUser(t.app, { role: 'ADMIN' });
    expectError(await send(other, 'PUT', `/users/${other.id}`, { isActive: false }), 422, 'UNPROCESSABLE');
    expectError(await send(other, 'PUT', `/users/${other.id}`, { role: 'WORKER' }), 422, 'UNPROCESSABLE');
  });

  it('delete is soft: the user disappears, their sessions end and they cannot log in', async () => {
    const worker = await createUser(t.app, { role: 'WORKER' });
    expect((await login(worker.email, worker.password)).statusCode).toBe(200);
    const response = await send(admin, 'DELETE', `/users/${worker.id}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data.message).toEqual(expect.any(String));

    const [row] = await t.app.deps.db.select().from(schema.users).where(eq(schema.users.id, worker.id));
    expect(row?.deletedAt).toBeInstanceOf(Date);
    expect(row?.isActive).toBe(false);
    expectError(await login(worker.email, worker.password), 401, 'UNAUTHORIZED');
    expectError(await t.app.inject({ method: 'GET', url: '/auth/me', headers: worker.headers }), 401, 'UNAUTHORIZED');
    expectError(
      await t.app.inject({ method: 'GET', url: `/users/${worker.id}`, headers: admin.headers }),
      404,
      'NOT_FOUND',
    );
    expectError(await send(admin, 'DELETE', `/users/${worker.id}`), 404, 'NOT_FOUND');
    expect(await auditRows(worker.id, 'USER_DELETED')).toHaveLength(1);
  });

  it('an admin cannot delete themself, nor a supervisor who still leads a team', async () => {
    expectError(await send(admin, 'DELETE', `/users/${admin.id}`), 422, 'UNPROCESSABLE');
    const { supervisor } = await createTeam(t.app);
    expectError(await send(admin, 'DELETE', `/users/${supervisor.id}`), 422, 'UNPROCESSABLE');
  });
});
