import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, migrateDatabase, schema } from '@caretracker/database';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { testConfig } from '../src/config/config';
import { redisUrl, startApp, type TestApp } from './helpers/app';
import { createUser } from './helpers/factories';
import { expectError } from './helpers/http';

describe.skipIf(!redisUrl())('with REDIS_URL: limits are shared by every API process', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const config = { RATE_LIMIT_AUTH_MAX: '4' };
    a = await startApp({ redis: true, config });
    b = await startApp({ redis: true, config });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('login attempts from one address are counted once across two processes', async () => {
    const ip = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const attempt = (t: TestApp) =>
      t.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: 'shared@test.caretracker.dev', password: 'wrong-password-1' },
        remoteAddress: ip,
      });
    expect((await attempt(a)).statusCode).toBe(401);
    expect((await attempt(b)).statusCode).toBe(401);
    expect((await attempt(a)).statusCode).toBe(401);
    expect((await attempt(b)).statusCode).toBe(401);
    expectError(await attempt(a), 429, 'RATE_LIMITED');
    expectError(await attempt(b), 429, 'RATE_LIMITED');
  });

  it('health reports Redis', async () => {
    const health = (await a.app.inject({ method: 'GET', url: '/health' })).json();
    expect(health.checks.redis.status).toBe('healthy');
  });
});

describe('Redis configured but unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ config: { REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  afterAll(() => t.close());

  it('shows in /health as degraded (the API still serves) and in /health/ready as 503', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'degraded', checks: { redis: { status: 'unhealthy' } } });
    expect((await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(503);
    expect((await t.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });
});

describe('embedded PGlite on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caretracker-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its data across a restart', async () => {
    const open = async () => {
      const database = createDatabase({ dataDir: dir });
      await migrateDatabase(database);
      const app = await buildApp(testConfig(), { database });
      return { app, database };
    };
    const first = await open();
    const user = await createUser(first.app, { role: 'CLIENT' });
    await first.app.close();
    await first.database.close();

    const second = await open();
    const [row] = await second.app.deps.db.select().from(schema.users).where(eq(schema.users.id, user.id));
    expect(row?.email).toBe(user.email);
    const login = await second.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(login.statusCode).toBe(200);
    await second.app.close();
    await second.database.close();
    // Two opens of an on-disk PGlite with every migration: slow on a loaded 2-core machine.
  }, 120_000);
});
