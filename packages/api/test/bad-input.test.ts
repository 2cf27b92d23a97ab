import { schema } from '@caretracker/database';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestHashOf } from '../src/plugins/idempotency';
import { engines, startApp, type TestApp } from './helpers/app';
import { createUser } from './helpers/factories';
import { expectError } from './helpers/http';

describe.each(engines())('bad input gets the shared error shape on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine });
  });
  afterAll(() => t.close());

  const login = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    t.app.inject({ method: 'POST', url: '/auth/login', payload, headers });

  it('malformed JSON', async () => {
    const body = expectError(await login('{"email": "a@b.co",'), 400, 'BAD_REQUEST');
    expect(body.message).toMatch(/not valid JSON/);
  });

  it('unknown fields are named', async () => {
    const body = expectError(
      await login(JSON.stringify({ email: 'a@b.co', password: 'x', isAdmin: true })),
      400,
      'VALIDATION_ERROR',
    );
    expect(body.details).toContainEqual({ field: 'body.isAdmin', message: 'is not a known field' });
  });

  it('wrong types and bad formats are named, every one of them', async () => {
    const body = expectError(
      await login(JSON.stringify({ email: 'not-an-email', password: 42 })),
      400,
      'VALIDATION_ERROR',
    );
    expect(body.details?.map((d) => d.field).sort()).toEqual(['body.email', 'body.password']);
  });

  it('an oversized body answers 413', async () => {
    const huge = JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(10_485_760) });
    expectError(await login(huge), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a body in another content type answers 415', async () => {
    expectError(
      await login('email=a', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('unknown routes answer 404 in the same shape', async () => {
    const body = expectError(await t.app.inject({ method: 'GET', url: '/no/such/route' }), 404, 'NOT_FOUND');
    expect(body.message).toContain('/no/such/route');
  });

  it('URLs the router refuses (undecodable, an overlong parameter) answer 400 in the same shape, without echoing the path', async () => {
    for (const url of ['/visits/%ED%A0%80/confirm', `/visits/${'x'.repeat(300)}`]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(expectError(response, 400, 'BAD_REQUEST').message).not.toContain('visits');
      expect(response.headers['x-request-id']).toBe(response.json().requestId);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('routes ignore letter case and duplicate slashes, as the seed configures', async () => {
    expect((await t.app.inject({ method: 'GET', url: '//health/LIVE' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/health/live/' })).statusCode).toBe(200);
  });
});

describe.each(engines())('Idempotency-Key on POST on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine });
  });
  afterAll(() => t.close());

  it('a repeat returns the first answer without redoing the work; another body with the key is refused', async () => {
    const user = await createUser(t.app, { role: 'WORKER' });
    const send = (newPassword: string, key: string) =>
      t.app.inject({
        method: 'POST',
        url: '/auth/password/change',
        headers: { ...user.headers, 'idempotency-key': key },
        payload: { currentPassword: user.password, newPassword, endOtherSessions: false },
      });
    const key = `key-${user.id}`;
    const first = await send('Granite-Orchard-Window-7', key);
    expect(first.statusCode).toBe(200);
    const replay = await send('Granite-Orchard-Window-7', key);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const history = await t.app.deps.db
      .select()
      .from(schema.passwordHistory)
      .where(eq(schema.passwordHistory.userId, user.id));
    expect(history).toHaveLength(2); // the factory's password and one change, not two
    expectError(await send('Granite-Orchard-Window-8', key), 422, 'UNPROCESSABLE');
  });

  it('a failed attempt is not remembered, so the retry does the work', async () => {
    const user = await createUser(t.app, { role: 'CLIENT' });
    const key = `retry-${user.id}`;
    const attempt = (currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/auth/password/change',
        headers: { ...user.headers, 'idempotency-key': key },
        payload: { currentPassword, newPassword: 'Harbor-Pine-Sunrise-64', endOtherSessions: false },
      });
    expectError(await attempt('wrong-current-password'), 400, 'VALIDATION_ERROR');
    expect((await attempt(user.password)).statusCode).toBe(200);
    const stored = await t.app.deps.db
      .select()
      .from(schema.idempotencyKeys)
      .where(and(eq(schema.idempotencyKeys.key, key), eq(schema.idempotencyKeys.scope, `user:${user.id}`)));
    expect(stored[0]?.statusCode).toBe(200);
  });

  it('an attempt that never answered is taken over once it is stale; a fresh one still says "wait"', async () => {
    const attempt = async (startedSecondsAgo: number) => {
      const user = await createUser(t.app, { role: 'WORKER' });
      const key = `unanswered-${user.id}`;
      const url = '/auth/password/change';
      const payload = {
        currentPassword: user.password,
        newPassword: 'Meadow-Copper-Lantern-9',
        endOtherSessions: false,
      };
      // What a request leaves behind when the process stops before answering: the key, no answer.
      await t.app.deps.db.insert(schema.idempotencyKeys).values({
        scope: `user:${user.id}`,
        key,
        method: 'POST',
        path: url,
        requestHash: requestHashOf('POST', url, payload),
        createdAt: sql`now() - make_interval(secs => ${startedSecondsAgo})`,
      });
      const send = () =>
        t.app.inject({ method: 'POST', url, headers: { ...user.headers, 'idempotency-key': key }, payload });
      return { user, send };
    };
    const fresh = await attempt(5);
    const waiting = expectError(await fresh.send(), 409, 'CONFLICT');
    expect(waiting.message).toMatch(/still being processed/);

    const stale = await attempt(600);
    const retried = await stale.send();
    expect(retried.statusCode).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    const [stored] = await t.app.deps.db
      .select()
      .from(schema.idempotencyKeys)
      .where(eq(schema.idempotencyKeys.scope, `user:${stale.user.id}`));
    expect(stored?.statusCode).toBe(200);
    // The work ran once: the factory's password and the one change.
    const history = await t.app.deps.db
      .select()
      .from(schema.passwordHistory)
      .where(eq(schema.passwordHistory.userId, stale.user.id));
    expect(history).toHaveLength(2);
  });

  it('refuses a malformed key', async () => {
    const user = await createUser(t.app, { role: 'CLIENT' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { ...user.headers, 'idempotency-key': 'bad key!' },
      payload: {},
    });
    expectError(response, 400, 'VALIDATION_ERROR');
  });
});

describe('Idempotency-Key on routes that answer with secrets', () => {
  it('is ignored: tokens are never stored, each login gets its own session', async () => {
    const t = await startApp({ engine: 'pglite' });
    try {
      const user = await createUser(t.app, { role: 'CLIENT' });
      const login = () =>
        t.app.inject({
          method: 'POST',
          url: '/auth/login',
          headers: { 'idempotency-key': `login-${user.id}` },
          payload: { email: user.email, password: user.password, tokenDelivery: 'body' },
        });
      const first = (await login()).json().data;
      const second = await login();
      expect(second.headers['idempotent-replayed']).toBeUndefined();
      expect(second.json().data.refreshToken).not.toBe(first.refreshToken);
      const stored = await t.app.deps.db
        .select()
        .from(schema.idempotencyKeys)
        .where(eq(schema.idempotencyKeys.key, `login-${user.id}`));
      expect(stored).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
