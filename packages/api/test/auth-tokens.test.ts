import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET } from '../src/config/config';
import { ACCESS_AUDIENCE, MFA_AUDIENCE, TOKEN_ISSUER } from '../src/modules/auth/tokens';
import { engines, startApp, type TestApp } from './helpers/app';
import { createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(engines())('access token checks on %s', (engine) => {
  let t: TestApp;
  let user: TestUser;
  let sessionId: string;
  beforeAll(async () => {
    t = await startApp({ engine });
    user = await createUser(t.app, { role: 'WORKER' });
    sessionId = JSON.parse(Buffer.from(user.token.split('.')[1]!, 'base64url').toString()).sid;
  });
  afterAll(() => t.close());

  const me = (token: string) =>
    t.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${token}` } });
  const claims = () => ({ sub: user.id, role: user.role, sid: sessionId });

  it('accepts a valid token', async () => {
    expect((await me(user.token)).statusCode).toBe(200);
  });

  it('refuses an expired token', async () => {
    const sign = createSigner({
      key: DEVELOPMENT_JWT_SECRET,
      algorithm: 'HS256',
      iss: TOKEN_ISSUER,
      aud: ACCESS_AUDIENCE,
    });
    const now = Math.floor(Date.now() / 1000);
    expectError(await me(sign({ ...claims(), iat: now - 7200, exp: now - 3600 })), 401, 'UNAUTHORIZED');
  });

  it('refuses a token with a tampered payload or a wrong signature', async () => {
    const [header, , signature] = user.token.split('.');
    const forged = `${header}.${b64({ ...claims(), role: 'ADMIN', iss: TOKEN_ISSUER, aud: ACCESS_AUDIENCE, exp: 9_999_999_999 })}.${signature}`;
    expectError(await me(forged), 401, 'UNAUTHORIZED');
    const otherKey = createSigner({
      key: 'another-secret-that-is-long-enough!!',
      algorithm: 'HS256',
      iss: TOKEN_ISSUER,
      aud: ACCESS_AUDIENCE,
      expiresIn: 60_000,
    });
    expectError(await me(otherKey(claims())), 401, 'UNAUTHORIZED');
  });

  it('refuses alg: none', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(), iss: TOKEN_ISSUER, aud: ACCESS_AUDIENCE, exp: 9_999_999_999 })}.`;
    expectError(await me(unsigned), 401, 'UNAUTHORIZED');
  });

  it('refuses a token for another audience, including a pending-MFA token', async () => {
    const wrongAud = createSigner({
      key: DEVELOPMENT_JWT_SECRET,
      algorithm: 'HS256',
      iss: TOKEN_ISSUER,
      aud: 'someone-else',
      expiresIn: 60_000,
    });
    expectError(await me(wrongAud(claims())), 401, 'UNAUTHORIZED');
    const mfa = createSigner({
      key: DEVELOPMENT_JWT_SECRET,
      algorithm: 'HS256',
      iss: TOKEN_ISSUER,
      aud: MFA_AUDIENCE,
      expiresIn: 60_000,
    });
    expectError(await me(mfa({ ...claims(), purpose: 'verify' })), 401, 'UNAUTHORIZED');
  });

  it('the role and active state come from the user row: a token re-signed as ADMIN gets a worker’s rights', async () => {
    // The test key is public (as the old development default was): anyone could sign with it.
    const resign = createSigner({
      key: DEVELOPMENT_JWT_SECRET,
      algorithm: 'HS256',
      iss: TOKEN_ISSUER,
      aud: ACCESS_AUDIENCE,
      expiresIn: 60_000,
    });
    const worker = await createUser(t.app, { role: 'WORKER' });
    const workerSid = JSON.parse(Buffer.from(worker.token.split('.')[1]!, 'base64url').toString()).sid;
    const forged = { authorization: `Bearer ${resign({ sub: worker.id, sid: workerSid, role: 'ADMIN' })}` };
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: forged });

    expect((await get('/auth/me')).json().data.role).toBe('WORKER');
    expectError(await get('/audit/verify'), 403, 'FORBIDDEN');
    const users = (await get('/users?limit=100')).json().data as Array<{ id: string }>;
    expect(users.map((u) => u.id)).toEqual([worker.id]);
    const rows = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.actorId, worker.id), eq(schema.auditLog.action, 'PERMISSION_DENIED')));
    expect(rows.map((row) => row.actorRole)).toEqual(['WORKER']);

    // A deactivated user's still-signed token opens nothing, whatever it claims.
    await t.app.deps.db.update(schema.users).set({ isActive: false }).where(eq(schema.users.id, worker.id));
    expectError(await get('/auth/me'), 401, 'UNAUTHORIZED');
  });

  it('new access tokens carry no role claim', async () => {
    const payload = JSON.parse(Buffer.from(user.token.split('.')[1]!, 'base64url').toString());
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sid', 'sub']);
  });

  it('refuses a garbage bearer value and a missing token', async () => {
    expectError(await me('not-a-jwt'), 401, 'UNAUTHORIZED');
    expectError(await t.app.inject({ method: 'GET', url: '/auth/me' }), 401, 'UNAUTHORIZED');
  });
});
