import { createSecretBox, schema, sealPlainTotpSecrets } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataEncryptionKey } from '../src/config/config';
import { engines, startApp, type TestApp } from './helpers/app';
import { createUser, type TestUser, totpCode } from './helpers/factories';
import { expectError } from './helpers/http';

describe.each(engines())('TOTP codes and secrets on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine });
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });
  const passwordStep = async (user: TestUser) =>
    (await post('/auth/login', { email: user.email, password: user.password })).json().data.mfaToken as string;
  const verify = async (user: TestUser, code: string) =>
    post('/auth/mfa/verify', { mfaToken: await passwordStep(user), code, tokenDelivery: 'body' });
  const stored = async (id: string) =>
    (await t.app.deps.db.select().from(schema.users).where(eq(schema.users.id, id)))[0]!;
  const sessionsOf = async (id: string) =>
    t.app.deps.db.select().from(schema.sessions).where(eq(schema.sessions.userId, id));

  it('a code signs in once: a second sign-in with it, or with an earlier code, is refused (RFC 6238 §5.2)', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const code = totpCode(admin.mfaSecret!);
    expect((await verify(admin, code)).statusCode).toBe(200);
    const replay = expectError(await verify(admin, code), 401, 'UNAUTHORIZED');
    expect(replay.message).toMatch(/already been used/);

    // The next step's code (a phone a little ahead) is fresh; then the current step's is behind it.
    expect((await verify(admin, totpCode(admin.mfaSecret!, 1))).statusCode).toBe(200);
    expectError(await verify(admin, totpCode(admin.mfaSecret!)), 401, 'UNAUTHORIZED');
    const failures = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, admin.id), eq(schema.auditLog.action, 'MFA_FAILURE')));
    expect(failures.map((row) => row.metadata)).toEqual([
      { reason: 'code_already_used' },
      { reason: 'code_already_used' },
    ]);
  });

  it('two sign-ins racing with one code: exactly one gets a session', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const code = totpCode(admin.mfaSecret!);
    const [first, second] = await Promise.all([passwordStep(admin), passwordStep(admin)]);
    const answers = await Promise.all([
      post('/auth/mfa/verify', { mfaToken: first, code }),
      post('/auth/mfa/verify', { mfaToken: second, code }),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 401]);
  });

  it('the code that confirms enrolment is spent too', async () => {
    const worker = await createUser(t.app, { role: 'WORKER' });
    const setup = (
      await t.app.inject({ method: 'POST', url: '/auth/mfa/setup', headers: worker.headers, payload: {} })
    ).json().data;
    const code = totpCode(setup.secret);
    const enabled = await t.app.inject({
      method: 'POST',
      url: '/auth/mfa/enable',
      headers: worker.headers,
      payload: { code },
    });
    expect(enabled.statusCode).toBe(200);
    const withSecret = { ...worker, mfaSecret: setup.secret };
    expectError(await verify(withSecret, code), 401, 'UNAUTHORIZED');
    expect((await verify(withSecret, totpCode(setup.secret, 1))).statusCode).toBe(200);
  });

  it('a secret stored unsealed is refused, not read as plain text: no session opens', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    await t.app.deps.db.update(schema.users).set({ mfaSecret: admin.mfaSecret }).where(eq(schema.users.id, admin.id));
    const before = (await sessionsOf(admin.id)).length;
    const response = await verify(admin, totpCode(admin.mfaSecret!));
    expectError(response, 500, 'INTERNAL_ERROR');
    expect(response.body).not.toMatch(/seal|enc:v1/);
    expect(await sessionsOf(admin.id)).toHaveLength(before);
  });

  it('the start-up step seals secrets stored in plain text, which then work sealed', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    await t.app.deps.db.update(schema.users).set({ mfaSecret: admin.mfaSecret }).where(eq(schema.users.id, admin.id));
    const box = createSecretBox(dataEncryptionKey(t.app.deps.config));
    expect(await sealPlainTotpSecrets(t.app.deps.db, box)).toBeGreaterThanOrEqual(1);
    const sealed = (await stored(admin.id)).mfaSecret!;
    expect(sealed).toMatch(/^enc:v1:/);
    expect(box.open(sealed)).toBe(admin.mfaSecret);
    // Already sealed secrets are left as they are.
    const other = await createUser(t.app, { role: 'ADMIN' });
    const otherBefore = (await stored(other.id)).mfaSecret;
    await sealPlainTotpSecrets(t.app.deps.db, box);
    expect((await stored(other.id)).mfaSecret).toBe(otherBefore);
    expect((await verify(admin, totpCode(admin.mfaSecret!))).statusCode).toBe(200);
  });
});
