import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '@caretracker/api/src/app';
import { type Config, testConfig } from '@caretracker/api/src/config/config';
import type { FastifyInstance } from 'fastify';
import { type ScratchDatabase, scratchDatabase } from './database';
import { LOGS_DIR } from './secrets';

let started = 0;

export interface SecurityApp {
  app: FastifyInstance;
  database: ScratchDatabase;
  close(): Promise<void>;
}

export type ConfigOverrides = Partial<Record<keyof Config, string>>;

/**
 * The real application (`buildApp`) on a PostgreSQL database of the file's own. Rate limits are
 * raised unless a test sets them, so the suite's thousands of requests are judged on their merits.
 * Its log (debug level) goes to a file the logs check reads after the whole run.
 */
export async function startSecurityApp(overrides: ConfigOverrides = {}): Promise<SecurityApp> {
  const database = await scratchDatabase();
  const uploads = mkdtempSync(path.join(tmpdir(), 'caretracker-security-files-'));
  const config = testConfig({
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '4',
    RATE_LIMIT_AUTH_MAX: '10000',
    RATE_LIMIT_MAX: '1000000',
    FILE_STORAGE_PATH: uploads,
    LOG_LEVEL: 'debug',
    ...overrides,
  });
  mkdirSync(LOGS_DIR, { recursive: true });
  started += 1;
  const log = createWriteStream(path.join(LOGS_DIR, `${process.pid}-${started}.ndjson`));
  const app = await buildApp(config, { logStream: log });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.drop();
      rmSync(uploads, { recursive: true, force: true });
      await new Promise((resolve) => log.end(resolve));
    },
  };
}
