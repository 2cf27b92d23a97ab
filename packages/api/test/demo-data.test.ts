import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createDatabase,
  type DatabaseHandle,
  DEMO_ADMIN_TOTP_SECRET,
  DEMO_PASSWORD,
  migrateDatabase,
  schema,
  seedDemo,
} from '@caretracker/database';
import { eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { databaseOptions, dataEncryptionKey, loadConfig, testConfig } from '../src/config/config';
import { totpCode } from './helpers/factories';

/**
 * The demo agency must read back through the real API for every role: what the seed writes
 * has to satisfy the same response schemas as what the API writes.
 */
describe('demo data through the API', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  const headersFor = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    database = createDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    const config = testConfig();
    await seedDemo(database.db, { dataEncryptionKey: dataEncryptionKey(config), bcryptRounds: 4 });
    app = await buildApp(config, { database });
    const people = await database.db.select().from(schema.users).where(isNull(schema.users.deletedAt));
    for (const person of people) {
      const session = await app.deps.sessions.open(database.db, { id: person.id });
      headersFor.set(person.email, { authorization: `Bearer ${session.accessToken}` });
    }
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const get = async (email: string, url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: headersFor.get(email) });
    expect(response.statusCode, `${email} GET ${url}: ${response.body.slice(0, 300)}`).toBe(200);
    return response.json();
  };

  it.each(['admin@caretracker.dev', 'supervisor@caretracker.dev', 'worker@caretracker.dev', 'client@caretracker.dev'])(
    '%s reads every user, care plan and visit it can see, each in detail',
    async (email) => {
      const users = await get(email, '/users?limit=100');
      expect(users.data.length).toBeGreaterThan(0);
      for (const user of users.data) await get(email, `/users/${user.id}`);

      const plans = await get(email, '/careplans?limit=100');
      for (const plan of plans.data) {
        await get(email, `/careplans/${plan.id}`);
        if (email.startsWith('admin') || email.startsWith('supervisor'))
          await get(email, `/careplans/${plan.id}/versions`);
      }

      const visits = await get(email, '/visits?limit=100');
      expect(visits.data.length).toBeGreaterThan(0);
      for (const visit of visits.data.slice(0, 25)) {
        await get(email, `/visits/${visit.id}`);
        await get(email, `/visits/${visit.id}/medications`);
      }
    },
    120_000,
  );

  it('the admin sees the whole agency: 2 supervisors, 8 workers, 20 clients, 20 active plans', async () => {
    const count = async (role: string) =>
      (await get('admin@caretracker.dev', `/users?role=${role}&limit=1`)).pagination.total;
    expect(await count('SUPERVISOR')).toBe(2);
    expect(await count('WORKER')).toBe(8);
    expect(await count('CLIENT')).toBe(20);
    expect((await get('admin@caretracker.dev', '/careplans?status=ACTIVE&limit=1')).pagination.total).toBe(20);
  });
});

/**
 * `pnpm start` on a fresh machine: the seed command runs first (NODE_ENV development, no keys
 * configured) and seals the demo admin's TOTP secret; then the server starts. Both take the
 * installation's generated key from the data directory, so the admin signs in with the demo secret.
 */
describe('the embedded default: seed, then server, on one data directory', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'caretracker-embedded-'));
  let database: DatabaseHandle;
  let app: FastifyInstance;
  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      BCRYPT_SALT_ROUNDS: '4',
    };
    delete env.JWT_SECRET;
    delete env.DATA_ENCRYPTION_KEY;
    delete env.DATABASE_URL;
    const seed = spawnSync('node', ['--import', 'tsx', 'src/cli/seed.ts'], {
      cwd: path.resolve(import.meta.dirname, '../../database'),
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(seed.status, seed.stderr).toBe(0);
    const config = loadConfig({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      BCRYPT_SALT_ROUNDS: '4',
    });
    database = createDatabase(databaseOptions(config));
    app = await buildApp(config, { database });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the seeded admin signs in with the demo TOTP secret; the secret is stored sealed', async () => {
    const [admin] = await database.db
      .select({ mfaSecret: schema.users.mfaSecret })
      .from(schema.users)
      .where(eq(schema.users.email, 'admin@caretracker.dev'));
    expect(admin?.mfaSecret).toMatch(/^enc:v1:/);
    const step = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'admin@caretracker.dev', password: DEMO_PASSWORD },
    });
    expect(step.json().data.status).toBe('mfa_required');
    const verified = await app.inject({
      method: 'POST',
      url: '/auth/mfa/verify',
      payload: { mfaToken: step.json().data.mfaToken, code: totpCode(DEMO_ADMIN_TOTP_SECRET), tokenDelivery: 'body' },
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().data.user.role).toBe('ADMIN');
  });
});
