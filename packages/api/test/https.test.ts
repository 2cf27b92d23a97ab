import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config';
import { startApp, type TestApp } from './helpers/app';
import { createUser, type TestUser } from './helpers/factories';

const APP = 'http://localhost:3000';

/** Signs in with cookies, refreshes and signs out; every Set-Cookie of the three answers. */
async function cookieRound(t: TestApp, user: TestUser) {
  const login = await t.app.inject({
    method: 'POST',
    url: '/auth/login',
    headers: { origin: APP },
    payload: { email: user.email, password: user.password },
  });
  expect(login.statusCode, login.body).toBe(200);
  const set = (response: typeof login) => ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const jar = set(login)
    .map((c) => c.split(';')[0])
    .join('; ');
  const refresh = await t.app.inject({
    method: 'POST',
    url: '/auth/refresh',
    headers: { origin: APP, cookie: jar },
    payload: {},
  });
  expect(refresh.statusCode, refresh.body).toBe(200);
  const rotated = set(refresh)
    .map((c) => c.split(';')[0])
    .join('; ');
  const logout = await t.app.inject({
    method: 'POST',
    url: '/auth/logout',
    headers: { origin: APP, cookie: rotated },
    payload: {},
  });
  expect(logout.statusCode, logout.body).toBe(200);
  return { cookies: [...set(login), ...set(refresh), ...set(logout)], answers: [login, refresh, logout] };
}

describe('FORCE_HTTPS and SECURE_COOKIES on (the production files): Secure cookies and HSTS on every answer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({
      engine: 'pglite',
      config: { FORCE_HTTPS: 'true', SECURE_COOKIES: 'true', HSTS_MAX_AGE: '63072000' },
    });
  });
  afterAll(() => t.close());

  it('every auth cookie set, rotated or cleared carries Secure (and HttpOnly, SameSite=Lax)', async () => {
    const { cookies } = await cookieRound(t, await createUser(t.app, { role: 'CLIENT' }));
    expect(cookies.length).toBeGreaterThanOrEqual(6);
    for (const cookie of cookies) {
      expect(cookie, cookie).toMatch(/; Secure/);
      expect(cookie, cookie).toMatch(/; HttpOnly/);
      expect(cookie, cookie).toMatch(/; SameSite=Lax/);
    }
  });

  it('HSTS on successes, errors and unknown routes alike', async () => {
    const answers = await Promise.all([
      t.app.inject({ method: 'GET', url: '/health/live' }),
      t.app.inject({ method: 'GET', url: '/auth/me' }),
      t.app.inject({ method: 'GET', url: '/no/such/route' }),
      t.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: '{',
        headers: { 'content-type': 'application/json' },
      }),
    ]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 401, 404, 400]);
    for (const answer of answers) {
      expect(answer.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    }
  });
});

describe('development (both off): plain cookies and no HSTS, so http://localhost works', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine: 'pglite' });
  });
  afterAll(() => t.close());

  it('cookies without Secure, answers without HSTS', async () => {
    const { cookies, answers } = await cookieRound(t, await createUser(t.app, { role: 'CLIENT' }));
    for (const cookie of cookies) expect(cookie, cookie).not.toMatch(/; Secure/);
    for (const answer of answers) expect(answer.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('production turns both on unless told otherwise', () => {
  const production = {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(48).toString('base64'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };

  it('defaults to FORCE_HTTPS and SECURE_COOKIES in production, off elsewhere', () => {
    expect(loadConfig(production)).toMatchObject({ FORCE_HTTPS: true, SECURE_COOKIES: true });
    for (const NODE_ENV of ['development', 'test', 'staging']) {
      expect(loadConfig({ ...production, NODE_ENV })).toMatchObject({ FORCE_HTTPS: false, SECURE_COOKIES: false });
    }
  });

  it('an explicit false is still honoured (e.g. a production build tried out over plain HTTP)', () => {
    expect(loadConfig({ ...production, SECURE_COOKIES: 'false', FORCE_HTTPS: 'false' })).toMatchObject({
      FORCE_HTTPS: false,
      SECURE_COOKIES: false,
    });
  });
});
