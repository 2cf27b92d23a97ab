#!/usr/bin/env node
// `pnpm test:e2e`: build the apps if needed, start the API on a FRESH database and the three
// apps, run the Playwright suite (arguments go to `playwright test`: `pnpm test:e2e every-route`),
// stop everything and exit with Playwright's status.
// Database: a new `caretracker_e2e_<random>` on PostgreSQL when E2E_DATABASE_URL is set or a
// server answers on 127.0.0.1:5432 (dropped afterwards); otherwise PGlite in a temp directory.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildStaleApps } from './lib/builds.mjs';
import { startMailSink } from './lib/mail-sink.mjs';
import {
  APPS,
  assertPortsFree,
  log,
  portInUse,
  ROOT,
  runStep,
  spawnPrefixed,
  startStack,
  stopAll,
  tsxArgs,
} from './lib/services.mjs';

const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

// `pg` is a dependency of the database package; borrowing it keeps the root free of it.
function loadPg() {
  try {
    return createRequire(path.join(ROOT, 'packages/database/package.json'))('pg');
  } catch {
    return null;
  }
}

async function withPg(serverUrl, sql) {
  const pg = loadPg();
  if (!pg) throw new Error('the pg package is not installed');
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Picks and prepares the fresh database; returns the env to add and a cleanup function. */
async function freshDatabase() {
  const serverUrl = process.env.E2E_DATABASE_URL ?? ((await portInUse(5432)) ? DEFAULT_SERVER_URL : null);
  if (serverUrl) {
    const name = `caretracker_e2e_${randomBytes(4).toString('hex')}`;
    try {
      await withPg(serverUrl, `CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      log('db', `fresh PostgreSQL database ${name}`);
      return {
        env: { DATABASE_URL: url.toString() },
        cleanup: () => withPg(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      };
    } catch (error) {
      if (process.env.E2E_DATABASE_URL) throw error;
      log('db', `PostgreSQL at 127.0.0.1:5432 not usable (${error.message}); using PGlite`);
    }
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'caretracker-e2e-'));
  log('db', `fresh PGlite database in ${dataDir}`);
  return { env: { DATA_DIR: dataDir }, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

function summarise(reportFile) {
  if (!existsSync(reportFile)) return null;
  try {
    const { stats } = JSON.parse(readFileSync(reportFile, 'utf8'));
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
  } catch {
    return null;
  }
}

const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
delete baseEnv.DATABASE_URL;
delete baseEnv.DATA_DIR;

let children = [];
let database = null;
let exitCode = 1;
let summary = null;
const reportDir = mkdtempSync(path.join(tmpdir(), 'caretracker-e2e-report-'));
// The API's mail goes to a local SMTP sink; the journeys read it (password reset links).
const mailboxDir = mkdtempSync(path.join(tmpdir(), 'caretracker-e2e-mail-'));
let mailSink = null;
const reportFile = path.join(reportDir, 'results.json');
// Build output and the services' logs; kept (and named) when the run fails.
const logDir = mkdtempSync(path.join(tmpdir(), 'caretracker-e2e-logs-'));

async function cleanUp() {
  await stopAll(children);
  children = [];
  if (database) {
    await database.cleanup().catch((error) => log('db', `cleanup failed: ${error.message}`));
    database = null;
  }
  await mailSink?.close();
  mailSink = null;
  rmSync(reportDir, { recursive: true, force: true });
  rmSync(mailboxDir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await cleanUp();
    process.exit(130);
  });
}

try {
  await assertPortsFree();
  await buildStaleApps(baseEnv, { force: process.env.FORCE_BUILD === '1', logDir });

  database = await freshDatabase();
  mailSink = await startMailSink(mailboxDir);
  const env = {
    ...baseEnv,
    ...database.env,
    SMTP_URL: mailSink.url,
    NODE_ENV: 'test',
    CORS_ORIGINS: APPS.map((app) => `http://localhost:${app.port}`).join(','),
    RATE_LIMIT_AUTH_MAX: '100',
  };
  // The seed script migrates first.
  await runStep('db', process.execPath, tsxArgs('packages/database/src/cli/seed.ts'), { env });

  children = await startStack(env, { logDir });
  log('e2e', 'stack is up; running Playwright');

  const playwright = spawnPrefixed(
    'e2e',
    'pnpm',
    ['--filter', '@caretracker/e2e', 'exec', 'playwright', 'test', '--reporter=list,json', ...process.argv.slice(2)],
    { env: { ...baseEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile, E2E_MAILBOX_DIR: mailboxDir } },
  );
  exitCode = await playwright.exited;
  summary = summarise(reportFile);
} catch (error) {
  log('e2e', `failed before the tests could finish: ${error instanceof Error ? error.message : error}`);
  exitCode = 1;
} finally {
  await cleanUp();
}

if (exitCode === 0) rmSync(logDir, { recursive: true, force: true });
else process.stdout.write(`e2e: build output and service logs in ${logDir}\n`);
const passed = summary?.passed ?? 0;
const failed = summary?.failed ?? (exitCode === 0 ? 0 : 1);
if (summary?.skipped) process.stdout.write(`e2e: ${summary.skipped} skipped (not for this app)\n`);
process.stdout.write(`e2e: ${passed} passed, ${failed} failed\n`);
process.exit(exitCode);
