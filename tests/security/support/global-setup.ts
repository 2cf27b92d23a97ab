import { mkdirSync, rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { printAttackTable, RUN_DIR } from './ledger';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server where each file creates a database of its own; null when unreachable outside CI. */
    adminDatabaseUrl: string | null;
    redisUrl: string | null;
  }
}

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REQUIRED = process.env.CI === 'true';

async function reachable(check: () => Promise<void>, what: string): Promise<boolean> {
  try {
    await check();
    return true;
  } catch (error) {
    if (REQUIRED) throw new Error(`${what} is required in CI but not reachable: ${error}`);
    return false;
  }
}

/**
 * The security suite's run: one results folder (attack ledger, captured logs) emptied at the
 * start; at the end the table of attacks tried, blocked and got through.
 */
export default async function setup(project: TestProject) {
  const postgres = await reachable(async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
    await client.connect();
    await client.end();
  }, `PostgreSQL at ${ADMIN_URL}`);
  const redis = await reachable(async () => {
    const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await client.connect();
      await client.ping();
    } finally {
      client.disconnect();
    }
  }, `Redis at ${REDIS_URL}`);
  if (!postgres) console.warn('PostgreSQL not reachable: the security suite is skipped');
  project.provide('adminDatabaseUrl', postgres ? ADMIN_URL : null);
  project.provide('redisUrl', redis ? REDIS_URL : null);
  // Each project runs this setup; the first empties the folder, the last teardown prints the table.
  const holder = globalThis as { securityRun?: { open: number } };
  holder.securityRun ??= { open: 0 };
  const run = holder.securityRun;
  if (run.open === 0) {
    rmSync(RUN_DIR, { recursive: true, force: true });
    mkdirSync(RUN_DIR, { recursive: true });
  }
  run.open += 1;
  return () => {
    run.open -= 1;
    if (run.open === 0) printAttackTable();
  };
}
