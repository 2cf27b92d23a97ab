import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecurityApp, startSecurityApp } from '../support/app';
import { hasPostgres } from '../support/database';
import { recordAttack } from '../support/ledger';
import { rememberSecret } from '../support/secrets';
import { createPerson, type Person } from '../support/world';

const APPS = [
  'https://portal.caretracker.example',
  'https://care.caretracker.example',
  'https://admin.caretracker.example',
];
const EVIL = 'https://evil.example';
/** Methods the API's routes use (the apps call every one of them). */
const API_METHODS = ['GET', 'POST', 'PUT', 'DELETE'];

function check(name: string, ok: boolean) {
  recordAttack('headers and transport', name, ok);
  return ok;
}

/**
 * The API as the production files run it (NODE_ENV=production, real keys, the apps' HTTPS origins):
 * transport and browser headers on every kind of answer, CORS for the apps only, CSRF refusal of
 * other origins, and the session cookies' flags.
 */
describe.skipIf(!hasPostgres())('headers and transport in the production configuration', () => {
  let server: SecurityApp;
  let client: Person;

  beforeAll(async () => {
    server = await startSecurityApp({
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(48).toString('base64'),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      CORS_ORIGINS: APPS.join(','),
    });
    client = await createPerson(server.app, 'CLIENT');
  });
  afterAll(() => server?.close());

  const inject = (options: InjectOptions) => server.app.inject(options);

  /** One answer of each kind: public, signed in, signed out, not found, bad input, and a router refusal. */
  async function sampleAnswers(): Promise<Array<[string, LightMyRequestResponse]>> {
    return [
      ['health', await inject({ method: 'GET', url: '/health/live' })],
      ['signed-in read', await inject({ method: 'GET', url: '/auth/me', headers: client.headers })],
      ['signed-out read', await inject({ method: 'GET', url: '/visits' })],
      ['unknown route', await inject({ method: 'GET', url: '/no-such-route', headers: client.headers })],
      ['bad input', await inject({ method: 'GET', url: '/visits?limit=abc', headers: client.headers })],
      ['undecodable URL', await inject({ method: 'GET', url: '/visits/%ED%A0%80', headers: client.headers })],
    ];
  }

  it('every answer carries HSTS, nosniff, a referrer policy and no-store, and a CSP that forbids framing', async () => {
    const problems: string[] = [];
    for (const [kind, response] of await sampleAnswers()) {
      const h = response.headers;
      const hsts = String(h['strict-transport-security'] ?? '');
      const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0);
      const csp = String(h['content-security-policy'] ?? '');
      const wants: Array<[string, boolean]> = [
        ['HSTS of a year with subdomains', maxAge >= 31_536_000 && hsts.includes('includeSubDomains')],
        ['nosniff', h['x-content-type-options'] === 'nosniff'],
        ['no-store', String(h['cache-control'] ?? '').includes('no-store')],
        [
          'referrer policy',
          ['no-referrer', 'strict-origin-when-cross-origin', 'same-origin'].includes(String(h['referrer-policy'])),
        ],
        ['CSP default-src', csp.includes("default-src 'self'")],
        ['frame-ancestors', /frame-ancestors '(none|self)'/.test(csp)],
        ['no server banner', h['x-powered-by'] === undefined],
      ];
      for (const [what, ok] of wants) if (!check(`${what} on ${kind}`, ok)) problems.push(`${kind}: ${what}`);
    }
    expect(problems).toEqual([]);
  });

  it('CORS: each app origin may call every method the API uses, with its cookies; any other origin gets no CORS at all', async () => {
    const problems: string[] = [];
    for (const origin of [...APPS, EVIL]) {
      for (const method of API_METHODS) {
        const preflight = await inject({
          method: 'OPTIONS',
          url: '/visits',
          headers: {
            origin,
            'access-control-request-method': method,
            'access-control-request-headers': 'content-type,idempotency-key',
          },
        });
        const h = preflight.headers;
        const methods = String(h['access-control-allow-methods'] ?? '')
          .split(',')
          .map((name) => name.trim());
        const granted =
          h['access-control-allow-origin'] === origin &&
          h['access-control-allow-credentials'] === 'true' &&
          methods.includes(method) &&
          String(h['access-control-allow-headers'] ?? '').includes('idempotency-key');
        const expected = origin !== EVIL;
        if (!check(`CORS preflight ${method} from ${origin}`, granted === expected)) {
          problems.push(`${method} from ${origin}: ${JSON.stringify(h)}`);
        }
        if (!expected && h['access-control-allow-origin'] !== undefined) problems.push(`${origin} got an allow-origin`);
      }
    }
    const read = await inject({ method: 'GET', url: '/auth/me', headers: { ...client.headers, origin: EVIL } });
    if (!check('CORS on a foreign read', read.headers['access-control-allow-origin'] === undefined)) {
      problems.push('a foreign origin may read answers');
    }
    expect(problems).toEqual([]);
  });

  it('sign-in cookies are Secure, HttpOnly and SameSite; a cookie-borne change from elsewhere is refused', async () => {
    const login = await inject({
      method: 'POST',
      url: '/auth/login',
      headers: { origin: APPS[0] as string },
      payload: { email: client.email, password: client.password },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookies = login.cookies as Array<{
      name: string;
      value: string;
      secure?: boolean;
      httpOnly?: boolean;
      sameSite?: string;
    }>;
    expect(cookies.map((cookie) => cookie.name).sort()).toEqual(['ct_access', 'ct_refresh']);
    for (const cookie of cookies) {
      const sameSite = ['Lax', 'Strict'].includes(String(cookie.sameSite));
      check(`cookie flags of ${cookie.name}`, cookie.secure === true && cookie.httpOnly === true && sameSite);
      expect(cookie, cookie.name).toMatchObject({ secure: true, httpOnly: true });
      expect(['Lax', 'Strict']).toContain(cookie.sameSite);
    }
    expect(login.body).not.toMatch(/accessToken|refreshToken/);
    rememberSecret('token', ...cookies.map((c) => c.value));
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');

    const json = { 'content-type': 'application/json' };
    const attempts: Array<{ name: string; headers: Record<string, string> }> = [
      { name: 'foreign Origin', headers: { ...json, origin: EVIL } },
      { name: 'sibling site without Origin', headers: { ...json, 'sec-fetch-site': 'same-site' } },
      { name: 'text/plain from an app', headers: { origin: APPS[0] as string, 'content-type': 'text/plain' } },
    ];
    for (const attempt of attempts) {
      const response = await inject({
        method: 'POST',
        url: '/notifications/read-all',
        headers: { ...attempt.headers, cookie },
        payload: '{}',
      });
      check(`CSRF: ${attempt.name}`, response.statusCode === 403 || response.statusCode === 415);
      expect([403, 415], `${attempt.name}: ${response.body}`).toContain(response.statusCode);
    }
    const own = await inject({
      method: 'POST',
      url: '/notifications/read-all',
      headers: { ...json, origin: APPS[1] as string, cookie },
      payload: '{}',
    });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('documents and metrics are not served to the public in production', async () => {
    for (const url of ['/docs', '/openapi.json', '/metrics']) {
      // From an address outside the monitoring network.
      const response = await inject({ method: 'GET', url, remoteAddress: '203.0.113.9' });
      check(`public ${url} in production`, response.statusCode >= 400);
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
    }
  });
});
