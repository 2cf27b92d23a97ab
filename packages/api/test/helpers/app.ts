import { createDatabase, type DatabaseHandle, migrateDatabase } from '@caretracker/database';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { type BuildOptions, buildApp } from '../../src/app';
import { type Config, testConfig } from '../../src/config/config';

export type Engine = 'postgres' | 'pglite';

export interface TestApp {
  app: FastifyInstance;
  engine: Engine;
  close(): Promise<void>;
}

/** The engines available to this run: PostgreSQL when the machine has it, PGlite always. */
export const engines = (): Engine[] => (inject('databaseUrl') ? ['postgres', 'pglite'] : ['pglite']);
export const hasPostgres = () => Boolean(inject('databaseUrl'));
export const redisUrl = () => inject('redisUrl');

/**
 * Boots the real application against real PostgreSQL (the run's shared test database) or a
 * fresh in-memory PGlite. Login limits are raised unless a test sets them, so factories can sign in freely.
 */
export async function startApp(
  options: {
    engine?: Engine;
    redis?: boolean;
    config?: Partial<Record<keyof Config, string>>;
    /**
     * A PostgreSQL database of its own, dropped on close: for jobs that act on every row (missed
     * visits, escalations, digests), which in the shared database would act on other files' data.
     */
    ownDatabase?: boolean;
    /** Where the app's log lines go (set LOG_LEVEL too; tests default to silent). */
    logStream?: BuildOptions['logStream'];
  } = {},
): Promise<TestApp> {
  const engine = options.engine ?? (hasPostgres() ? 'postgres' : 'pglite');
  const own = options.ownDatabase && engine === 'postgres' ? await ownPostgresDatabase() : null;
  let database: DatabaseHandle | undefined;
  if (engine === 'pglite') {
    database = createDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
  }
  const redis = options.redis ? redisUrl() : null;
  if (options.redis && !redis) throw new Error('this test needs Redis');
  const config = testConfig({
    RATE_LIMIT_AUTH_MAX: '10000',
    RATE_LIMIT_MAX: '100000',
    ...(engine === 'postgres' ? { DATABASE_URL: own?.url ?? inject('databaseUrl')!, DATABASE_POOL_SIZE: '5' } : {}),
    ...(redis ? { REDIS_URL: redis } : {}),
    ...options.config,
  });
  const app = await buildApp(config, { database, logStream: options.logStream });
  await app.ready();
  return {
    app,
    engine,
    async close() {
      await app.close();
      if (database) await database.close();
      await own?.drop();
    },
  };
}

/** A freshly migrated PostgreSQL database beside the run's shared one. */
async function ownPostgresDatabase() {
  const shared = new URL(inject('databaseUrl')!);
  const name = `caretracker_own_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new URL(shared);
  admin.pathname = '/postgres';
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await run(`create database ${name}`);
  const url = new URL(shared);
  url.pathname = `/${name}`;
  const handle = createDatabase({ url: url.toString(), poolSize: 2 });
  await migrateDatabase(handle);
  await handle.close();
  return {
    url: url.toString(),
    async drop() {
      // A pool's end() resolves before its sockets have closed: FORCE would then kill a connection
      // still closing, and its client reports that (57P01) as an unhandled error that fails the
      // run. So wait (up to 5 s) for the database's own connections to go first.
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline && (await connectionsTo(admin.toString(), name)) > 0)
        await new Promise((resolve) => setTimeout(resolve, 50));
      await run(`drop database if exists ${name} with (force)`);
    },
  };
}

async function connectionsTo(adminUrl: string, database: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}
