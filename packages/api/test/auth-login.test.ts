import { schema } from '@caretracker/database';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/modules/auth/tokens';
import { engines, startApp, type TestApp } from './helpers/app';
import { createUser } from './helpers/factories';
import { expectError } from './helpers/http';

const login = (t: TestApp, email: string, password: string, extra: Record<string, unknown> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { email, password, ...extra },
    remoteAddress: '10.1.0.1',
  });

describe.each(engines())('login and sessions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine });
  });
  afterAll(() => t.close());

  it("carries the profile's language and time zone in /auth/me, and follows the user's own change", async () => {
    const user = await createUser(t.app, {
      role: 'CLIENT',
      profile: { preferredLanguage: 'es', timezone: 'America/Los_Angeles' },
    });
    const me = () => t.app.inject({ method: 'GET', url: '/auth/me', headers: user.headers });
    expect((await me()).json().data).toMatchObject({ preferredLanguage: 'es', timezone: 'America/Los_Angeles' });
    const update = await t.app.inject({
      method: 'PUT',
      url: `/users/${user.id}`,
      headers: user.headers,
      payload: { profile: { preferredLanguage: 'en', timezone: 'America/New_York' } },
    });
    expect(update.statusCode, update.body).toBe(200);
    expect((await me()).json().data).toMatchObject({ preferredLanguage: 'en', timezone: 'America/New_York' });
  });

  it('signs in with httpOnly cookies that authenticate /auth/me', async () => {
    const user = await createUser(t.app, { role: 'WORKER' });
    const response = await login(t, user.email, user.password);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.data).toMatchObject({
      status: 'authenticated',
      user: { id: user.id, role: 'WORKER' },
      expiresIn: 3600,
    });
    expect(body.data.accessToken).toBeUndefined();
    const cookies = response.cookies;
    const access = cookies.find((c) => c.name === 'ct_access');
    const refresh = cookies.find((c) => c.name === 'ct_refresh');
    expect(access?.httpOnly).toBe(true);
    expect(refresh?.httpOnly).toBe(true);
    expect(refresh?.path).toBe('/auth');
    const me = await t.app.inject({ method: 'GET', url: '/auth/me', cookies: { ct_access: access!.value } });
    expect(me.json().data).toMatchObject({ id: user.id, email: user.email });
  });

  it('accepts the email in any letter case', async () => {
    const user = await createUser(t.app, { role: 'CLIENT' });
    const response = await login(t, user.email.toUpperCase(), user.password, { tokenDelivery: 'body' });
    expect(response.statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const user = await createUser(t.app, { role: 'WORKER' });
    const wrong = expectError(await login(t, user.email, 'not-the-right-password'), 401, 'UNAUTHORIZED');
    const unknown = expectError(
      await login(t, `nobody-${user.id}@test.caretracker.dev`, 'whatever-password'),
      401,
      'UNAUTHORIZED',
    );
    expect(wrong.message).toBe('Invalid email or password');
    expect(unknown.message).toBe(wrong.message);
    const failures = await t.app.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, user.id));
    expect(failures.some((row) => row.action === 'LOGIN_FAILURE' && row.outcome === 'FAILURE')).toBe(true);
  });

  it('locks after 5 failures (423, even with the right password) and unlocks when the lock expires', async () => {
    const user = await createUser(t.app, { role: 'WORKER' });
    for (let attempt = 1; attempt <= 4; attempt++)
      expectError(await login(t, user.email, 'wrong-password-000'), 401, 'UNAUTHORIZED');
    const fifth = await login(t, user.email, 'wrong-password-000');
    expectError(fifth, 423, 'ACCOUNT_LOCKED');
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(1700);
    expectError(await login(t, user.email, user.password), 423, 'ACCOUNT_LOCKED');
    // The same lock answer for an address with no account: a lockout reveals nothing.
    const ghost = `ghost-${user.id}@test.caretracker.dev`;
    for (let attempt = 1; attempt <= 5; attempt++) await login(t, ghost, 'wrong-password-000');
    expectError(await login(t, ghost, 'wrong-password-000'), 423, 'ACCOUNT_LOCKED');

    await t.app.deps.db
      .update(schema.loginLockouts)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(schema.loginLockouts.emailHash, sha256(`login:${user.email}`)));
    const after = await login(t, user.email, user.password);
    expect(after.statusCode).toBe(200);
    const audit = await t.app.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, user.id));
    expect(audit.map((row) => row.action)).toContain('ACCOUNT_LOCKED');
  });

  it('refuses a deactivated or deleted user', async () => {
    const inactive = await createUser(t.app, { role: 'CLIENT', isActive: false });
    expectError(await login(t, inactive.email, inactive.password), 401, 'UNAUTHORIZED');
    const deleted = await createUser(t.app, { role: 'CLIENT' });
    await t.app.deps.db.update(schema.users).set({ deletedAt: new Date() }).where(eq(schema.users.id, deleted.id));
    expectError(await login(t, deleted.email, deleted.password), 401, 'UNAUTHORIZED');
  });

  it('rotates the refresh token on every use; reusing an old one revokes the whole family', async () => {
    const user = await createUser(t.app, { role: 'WORKER' });
    const first = (await login(t, user.email, user.password, { tokenDelivery: 'body' })).json().data;
    const refresh = (token: string) =>
      t.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: token } });
    const second = await refresh(first.refreshToken);
    expect(second.statusCode).toBe(200);
    const rotated = second.json().data;
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    expect(rotated.accessToken).toBeTruthy();

    // The first token again: reuse. The attacker gets nothing and the legitimate chain dies too.
    expectError(await refresh(first.refreshToken), 401, 'UNAUTHORIZED');
    expectError(await refresh(rotated.refreshToken), 401, 'UNAUTHORIZED');
    const me = await t.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${rotated.accessToken}` },
    });
    expectError(me, 401, 'UNAUTHORIZED');
  });

  it('refreshes from the cookie and sets new cookies', async () => {
    const user = await createUser(t.app, { role: 'CLIENT' });
    const signedIn = await login(t, user.email, user.password);
    const refreshCookie = signedIn.cookies.find((c) => c.name === 'ct_refresh')!.value;
    const response = await t.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      cookies: { ct_refresh: refreshCookie },
      payload: {},
    });
    expect(response.statusCode).toBe(200);
    const next = response.cookies.find((c) => c.name === 'ct_refresh')!.value;
    expect(next).not.toBe(refreshCookie);
    expect(response.json().data.refreshToken).toBeUndefined();
  });

  it('logout revokes the session: the access and refresh tokens stop working', async () => {
    const user = await createUser(t.app, { role: 'SUPERVISOR' });
    const session = (await login(t, user.email, user.password, { tokenDelivery: 'body' })).json().data;
    const headers = { authorization: `Bearer ${session.accessToken}` };
    expect((await t.app.inject({ method: 'GET', url: '/auth/me', headers })).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/auth/logout', headers, payload: {} });
    expect(out.statusCode).toBe(200);
    expectError(await t.app.inject({ method: 'GET', url: '/auth/me', headers }), 401, 'UNAUTHORIZED');
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refreshToken: session.refreshToken },
    });
    expectError(refreshed, 401, 'UNAUTHORIZED');
  });
});

describe.each(engines())('logout whatever the body on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine });
  });
  afterAll(() => t.close());

  /** A fresh session, in body delivery (bearer) or cookie delivery. */
  async function signIn(delivery: 'body' | 'cookie') {
    const user = await createUser(t.app, { role: 'WORKER' });
    const response = await login(t, user.email, user.password, { tokenDelivery: delivery });
    if (delivery === 'body') {
      const { accessToken, refreshToken } = response.json().data;
      return { accessToken, refreshToken, carry: { headers: { authorization: `Bearer ${accessToken}` } } };
    }
    const cookie = (name: string) => response.cookies.find((c) => c.name === name)!.value;
    const [accessToken, refreshToken] = [cookie('ct_access'), cookie('ct_refresh')];
    return { accessToken, refreshToken, carry: { cookies: { ct_access: accessToken, ct_refresh: refreshToken } } };
  }
  async function expectEnded(session: { accessToken: string; refreshToken: string }) {
    const me = await t.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expectError(me, 401, 'UNAUTHORIZED');
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refreshToken: session.refreshToken },
    });
    expectError(refreshed, 401, 'UNAUTHORIZED');
  }

  it.each([
    { what: 'no body at all', delivery: 'body' as const, body: {} },
    { what: 'an empty JSON body', delivery: 'body' as const, body: { payload: '', contentType: 'application/json' } },
    { what: 'a text/plain body', delivery: 'body' as const, body: { payload: 'bye', contentType: 'text/plain' } },
    {
      what: 'JSON that is not an object',
      delivery: 'cookie' as const,
      body: { payload: '[1,2]', contentType: 'application/json' },
    },
    {
      what: 'broken JSON',
      delivery: 'cookie' as const,
      body: { payload: '{"refreshToken":', contentType: 'application/json' },
    },
    {
      what: 'a form body',
      delivery: 'cookie' as const,
      body: { payload: 'a=1', contentType: 'application/x-www-form-urlencoded' },
    },
  ])('$what ($delivery delivery): 200 and the session is over', async ({ delivery, body }) => {
    const session = await signIn(delivery);
    const out = await t.app.inject({
      method: 'POST',
      url: '/auth/logout',
      ...session.carry,
      ...(body.payload !== undefined ? { payload: body.payload } : {}),
      headers: {
        ...('headers' in session.carry ? session.carry.headers : {}),
        ...(body.contentType ? { 'content-type': body.contentType } : {}),
      },
    });
    expect(out.statusCode, out.body).toBe(200);
    await expectEnded(session);
  });

  it('a body-delivery client without its access token ends the session with the refresh token', async () => {
    const session = await signIn('body');
    const out = await t.app.inject({
      method: 'POST',
      url: '/auth/logout',
      payload: { refreshToken: session.refreshToken },
    });
    expect(out.statusCode).toBe(200);
    await expectEnded(session);
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ config: { RATE_LIMIT_AUTH_MAX: '5' } });
  });
  afterAll(() => t.close());

  it('allows RATE_LIMIT_AUTH_MAX attempts per minute per IP, then answers 429 with Retry-After', async () => {
    const attempt = (ip: string) =>
      t.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: 'rate@test.caretracker.dev', password: 'x-password-x' },
        remoteAddress: ip,
      });
    for (let i = 0; i < 5; i++) expect((await attempt('10.9.9.9')).statusCode).not.toBe(429);
    const limited = await attempt('10.9.9.9');
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is counted on its own.
    expect((await attempt('10.9.9.10')).statusCode).not.toBe(429);
  });
});
