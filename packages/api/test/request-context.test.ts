import { randomUUID } from 'node:crypto';
import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET } from '../src/config/config';
import { sessionRef } from '../src/modules/audit/values';
import { ACCESS_AUDIENCE, TOKEN_ISSUER } from '../src/modules/auth/tokens';
import { startApp, type TestApp } from './helpers/app';
import { createUser } from './helpers/factories';
import { expectError } from './helpers/http';

/**
 * A random LAN address (192.168.0.0/16, a range the API used to trust as a proxy), so rows and
 * counters of one test never meet another's.
 */
const address = () => `192.168.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 254) + 1}`;

const rowsFrom = (t: TestApp, ip: string, action: string) =>
  t.app.deps.db
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.ipAddress, ip), eq(schema.auditLog.action, action)));

describe('the client address: X-Forwarded-For only from a configured proxy', () => {
  const login = (t: TestApp, remoteAddress: string, forwardedFor?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: `nobody-${randomUUID()}@test.caretracker.dev`, password: 'not-the-password-1' },
      remoteAddress,
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });

  describe('with no TRUSTED_PROXIES (the embedded default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startApp({ config: { RATE_LIMIT_AUTH_MAX: '5' } });
    });
    afterAll(() => t.close());

    it('40 invented forwarded addresses from one peer share its login budget: 429 after 5', async () => {
      const peer = address();
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await login(t, peer, `203.0.113.${i + 1}`)).statusCode);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
      // The audit log records the peer, never an address the client made up.
      const failures = await rowsFrom(t, peer, 'LOGIN_FAILURE');
      expect(failures).toHaveLength(5);
    });
  });

  describe('with TRUSTED_PROXIES naming the proxy', () => {
    let t: TestApp;
    const proxy = address();
    beforeAll(async () => {
      t = await startApp({ config: { RATE_LIMIT_AUTH_MAX: '5', TRUSTED_PROXIES: `${proxy}, 10.250.0.0/16` } });
    });
    afterAll(() => t.close());

    it('uses the address the proxy forwards, for the limiter and the audit row', async () => {
      const client = address();
      for (let i = 0; i < 5; i++) expect((await login(t, proxy, client)).statusCode).toBe(401);
      expectError(await login(t, proxy, client), 429, 'RATE_LIMITED');
      // Another client behind the same proxy has its own budget.
      expect((await login(t, proxy, address())).statusCode).toBe(401);
      expect(await rowsFrom(t, client, 'LOGIN_FAILURE')).toHaveLength(5);
      // A proxy inside a trusted range counts too.
      const behindRange = address();
      expect((await login(t, '10.250.3.4', behindRange)).statusCode).toBe(401);
      expect(await rowsFrom(t, behindRange, 'LOGIN_FAILURE')).toHaveLength(1);
    });

    it('ignores X-Forwarded-For from a peer that is not a configured proxy', async () => {
      const peer = address();
      const invented = address();
      await login(t, peer, invented);
      expect(await rowsFrom(t, invented, 'LOGIN_FAILURE')).toHaveLength(0);
      expect(await rowsFrom(t, peer, 'LOGIN_FAILURE')).toHaveLength(1);
    });
  });
});

describe('refused access tokens and request ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const me = (headers: Record<string, string>, remoteAddress: string) =>
    t.app.inject({ method: 'GET', url: '/auth/me', headers, remoteAddress });

  it('a forged or malformed bearer token leaves a denial row, at most one a minute per address', async () => {
    const user = await createUser(t.app, { role: 'WORKER' });
    const forge = createSigner({
      key: 'not-our-key-but-long-enough-000000000',
      algorithm: 'HS256',
      iss: TOKEN_ISSUER,
      aud: ACCESS_AUDIENCE,
      expiresIn: 60_000,
    });
    const ip = address();
    for (const token of [forge({ sub: user.id, sid: randomUUID() }), 'not-a-jwt', `${user.token}x`]) {
      expectError(await me({ authorization: `Bearer ${token}` }, ip), 401, 'UNAUTHORIZED');
    }
    const rows = await rowsFrom(t, ip, 'ACCESS_TOKEN_REJECTED');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: 'DENIED',
      actorId: null,
      dataClassification: 'SECURITY',
      metadata: { reason: 'invalid', carrier: 'bearer', refusedSinceLastRow: 0 },
    });
    // A forged cookie from another address gets its own row.
    const other = address();
    const cookie = await t.app.inject({
      method: 'GET',
      url: '/auth/me',
      cookies: { ct_access: 'forged' },
      remoteAddress: other,
    });
    expectError(cookie, 401, 'UNAUTHORIZED');
    expect((await rowsFrom(t, other, 'ACCESS_TOKEN_REJECTED'))[0]?.metadata).toMatchObject({ carrier: 'cookie' });
  });

  it('a token of ours whose session has ended is recorded; a merely expired one is not', async () => {
    const user = await createUser(t.app, { role: 'CLIENT' });
    const sid = JSON.parse(Buffer.from(user.token.split('.')[1]!, 'base64url').toString()).sid;
    const ip = address();
    const now = Math.floor(Date.now() / 1000);
    const ours = createSigner({
      key: DEVELOPMENT_JWT_SECRET,
      algorithm: 'HS256',
      iss: TOKEN_ISSUER,
      aud: ACCESS_AUDIENCE,
    });
    expectError(
      await me({ authorization: `Bearer ${ours({ sub: user.id, sid, iat: now - 7200, exp: now - 3600 })}` }, ip),
      401,
      'UNAUTHORIZED',
    );
    expect(await rowsFrom(t, ip, 'ACCESS_TOKEN_REJECTED')).toHaveLength(0);

    await t.app.inject({ method: 'POST', url: '/auth/logout', headers: user.headers });
    expectError(await me(user.headers, ip), 401, 'UNAUTHORIZED');
    const rows = await rowsFrom(t, ip, 'ACCESS_TOKEN_REJECTED');
    expect(rows).toHaveLength(1);
    // Session ids are kept in the audit only as their SHA-256 reference.
    expect(rows[0]).toMatchObject({
      entityType: 'session',
      entityId: sessionRef(sid),
      metadata: { reason: 'session_ended' },
    });
  });

  it('keeps a well-formed X-Request-ID and replaces anything else with a new UUID', async () => {
    const user = await createUser(t.app, { role: 'WORKER' });
    const ask = (requestId: string) =>
      t.app.inject({ method: 'GET', url: '/auth/me', headers: { ...user.headers, 'x-request-id': requestId } });
    const uuid = randomUUID();
    expect((await ask(uuid)).headers['x-request-id']).toBe(uuid);
    expect((await ask('nginx.0f3a_9-b')).headers['x-request-id']).toBe('nginx.0f3a_9-b');
    for (const bad of ['a'.repeat(65), 'has space', '<script>alert(1)</script>', 'a/b;c', '']) {
      const answered = await ask(bad);
      expect(answered.headers['x-request-id'], JSON.stringify(bad)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
    }
    // What reaches the audit trail is the checked id too.
    const ip = address();
    const denied = await t.app.inject({
      method: 'GET',
      url: `/users/${randomUUID()}`,
      headers: { ...user.headers, 'x-request-id': 'x'.repeat(500) },
      remoteAddress: ip,
    });
    expect(denied.statusCode).toBe(404);
    const [row] = await rowsFrom(t, ip, 'PERMISSION_DENIED');
    expect(row?.requestId).toBe(denied.headers['x-request-id']);
    expect(row?.requestId).toHaveLength(36);
  });
});
