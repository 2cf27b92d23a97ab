import { createDatabase, migrateDatabase } from '@caretracker/database';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null;
    redisUrl: string | null;
  }
}

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// In CI the real services must be there; on a laptop without them those suites are skipped.
const REQUIRED = process.env.CI === 'true';

async function reachablePostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    if (REQUIRED) throw new Error(`PostgreSQL is required in CI but not reachable at ${ADMIN_URL}: ${error}`);
    return false;
  }
}

async function reachableRedis(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch (error) {
    if (REQUIRED) throw new Error(`Redis is required in CI but not reachable at ${REDIS_URL}: ${error}`);
    return false;
  } finally {
    redis.disconnect();
  }
}

/** One fresh PostgreSQL database per test run, migrated once, dropped at the end. */
export default async function setup(project: TestProject) {
  const [hasPostgres, hasRedis] = await Promise.all([reachablePostgres(), reachableRedis()]);
  project.provide('redisUrl', hasRedis ? REDIS_URL : null);
  if (!hasPostgres) {
    console.warn('PostgreSQL not reachable: PostgreSQL suites are skipped (PGlite suites still run)');
    project.provide('databaseUrl', null);
    return;
  }
  const name = `caretracker_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = createDatabase({ url: url.toString(), poolSize: 2 });
  await migrateDatabase(handle);
  await handle.close();
  project.provide('databaseUrl', url.toString());

  return async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
}
