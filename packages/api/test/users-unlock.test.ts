import { randomUUID } from 'node:crypto';
import { schema } from '@caretracker/database';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sha256 } from '../src/modules/auth/tokens';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { tokenFrom } from './helpers/smtp-sink';

/** Lockout stays (5 wrong guesses lock for 30 minutes), but the owner and the admins have a way back. */
describe('a locked account: the way back', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const login = (user: TestUser, password = user.password) =>
    t.app.inject({ method: 'POST', url: '/auth/login', payload: { email: user.email, password } });
  async function lock(user: TestUser) {
    for (let attempt = 1; attempt <= 4; attempt++)
      expectError(await login(user, 'wrong-guess-0000'), 401, 'UNAUTHORIZED');
    expectError(await login(user, 'wrong-guess-0000'), 423, 'ACCOUNT_LOCKED');
  }
  const lockRow = async (user: TestUser) =>
    (
      await t.app.deps.db
        .select()
        .from(schema.loginLockouts)
        .where(eq(schema.loginLockouts.emailHash, sha256(`login:${user.email}`)))
    )[0];
  const unlock = (actor: TestUser, id: string) =>
    t.app.inject({ method: 'POST', url: `/users/${id}/unlock`, headers: actor.headers });
  const auditRows = (entityId: string, action: string) =>
    t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, entityId), eq(schema.auditLog.action, action)));

  it('GET /users/:id says whether the account is locked; an admin unlocks it, audited', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const victim = await createUser(t.app, { role: 'SUPERVISOR' });
    const view = async () =>
      (await t.app.inject({ method: 'GET', url: `/users/${victim.id}`, headers: admin.headers })).json().data;
    expect((await view()).lockedUntil).toBeNull();
    await lock(victim);
    const locked = await view();
    expect(Date.parse(locked.lockedUntil) - Date.now()).toBeGreaterThan(29 * 60_000);

    const response = await unlock(admin, victim.id);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data).toMatchObject({ id: victim.id, lockedUntil: null });
    expect((await view()).lockedUntil).toBeNull();
    expect(await lockRow(victim)).toBeUndefined();
    expect((await login(victim)).statusCode).toBe(200);
    const [row] = await auditRows(victim.id, 'ACCOUNT_UNLOCKED');
    expect(row).toMatchObject({ actorId: admin.id, actorRole: 'ADMIN', dataClassification: 'SECURITY' });
    expect(row?.metadata).toEqual({ wasLocked: true });
  });

  it('an admin locked out by others gets back in through another admin', async () => {
    const [first, second] = [await createUser(t.app, { role: 'ADMIN' }), await createUser(t.app, { role: 'ADMIN' })];
    await lock(first);
    expect((await unlock(second, first.id)).statusCode).toBe(200);
    expect((await login(first)).json().data.status).toBe('mfa_required');
  });

  it('completing a password reset ends the lock', async () => {
    const user = await createUser(t.app, { role: 'WORKER' });
    await lock(user);
    const asked = await t.app.inject({
      method: 'POST',
      url: '/auth/password/reset-request',
      payload: { email: user.email },
    });
    expect(asked.statusCode).toBe(202);
    // The email follows the answer (so the answer's timing does not tell which accounts exist).
    const mail = await vi.waitFor(async () => {
      const [row] = await t.app.deps.db
        .select()
        .from(schema.emailOutbox)
        .where(eq(schema.emailOutbox.toAddress, user.email))
        .orderBy(desc(schema.emailOutbox.createdAt))
        .limit(1);
      if (!row) throw new Error('no reset email yet');
      return row;
    });
    const token = tokenFrom(mail.textBody, 'Reset code');
    const reset = await t.app.inject({
      method: 'POST',
      url: '/auth/password/reset',
      payload: { token, newPassword: 'Juniper-Lantern-Ridge-64' },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(await lockRow(user)).toBeUndefined();
    expect((await login(user, 'Juniper-Lantern-Ridge-64')).statusCode).toBe(200);
    const [row] = await auditRows(user.id, 'PASSWORD_RESET');
    expect(row?.metadata).toEqual({ unlocked: true });
  });

  describe('outsiders: 404 when they may not see the user, 403 when they may; the lock stays', () => {
    let team: Awaited<ReturnType<typeof createTeam>>;
    let other: Awaited<ReturnType<typeof createTeam>>;
    beforeAll(async () => {
      team = await createTeam(t.app);
      other = await createTeam(t.app);
    });

    it.each([
      { who: 'the supervisor of the locked worker', actor: () => team.supervisor, status: 403, code: 'FORBIDDEN' },
      { who: 'the locked worker themself', actor: () => team.worker, status: 403, code: 'FORBIDDEN' },
      { who: 'a supervisor of another team', actor: () => other.supervisor, status: 404, code: 'NOT_FOUND' },
      { who: 'another worker', actor: () => other.worker, status: 404, code: 'NOT_FOUND' },
      { who: 'a client', actor: () => team.client, status: 404, code: 'NOT_FOUND' },
    ])('$who: $status, the denial logged', async ({ actor, status, code }) => {
      const target = await createUser(t.app, { role: 'WORKER', supervisorId: team.supervisor.id });
      // The worker "themself" case locks the acting worker's own account; its session stays open.
      const locked = actor() === team.worker ? team.worker : target;
      await lock(locked);
      const before = await lockRow(locked);
      expectError(await unlock(actor(), locked.id), status, code);
      expect(await lockRow(locked)).toEqual(before);
      const denials = await auditRows(locked.id, 'PERMISSION_DENIED');
      expect(denials.some((row) => row.actorId === actor().id)).toBe(true);
      expect(await auditRows(locked.id, 'ACCOUNT_UNLOCKED')).toHaveLength(0);
    });

    it('without a session: 401; an unknown id: 404', async () => {
      const admin = await createUser(t.app, { role: 'ADMIN' });
      expectError(await t.app.inject({ method: 'POST', url: `/users/${team.worker.id}/unlock` }), 401, 'UNAUTHORIZED');
      expectError(await unlock(admin, randomUUID()), 404, 'NOT_FOUND');
      expectError(await unlock(admin, 'not-a-uuid'), 400, 'VALIDATION_ERROR');
    });
  });
});
