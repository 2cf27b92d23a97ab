#!/usr/bin/env node
// `pnpm start`: migrate and seed the database, build the apps if needed, then run the API and
// the three apps until Ctrl-C, one progress line per step and the welcome last. Without
// DATABASE_URL the API uses embedded PGlite under ./data; logs go to ./data/logs.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildApps, staleApps } from './lib/builds.mjs';
import { createProgress } from './lib/progress.mjs';
import {
  API,
  APPS,
  assertPortsFree,
  DEMO_LOGINS,
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  log,
  ROOT,
  runQuiet,
  startApi,
  startApps,
  stopAll,
  tsxArgs,
} from './lib/services.mjs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const dataDir = path.resolve(ROOT, process.env.DATA_DIR ?? 'data');
// One meaning for a relative DATA_DIR, whichever folder each process runs in.
if (process.env.DATA_DIR && !process.env.DATA_DIR.startsWith('memory://')) env.DATA_DIR = dataDir;
const logDir = path.join(dataDir, 'logs');
const shown = (file) => path.relative(process.cwd(), file) || '.';
const children = [];
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('start', 'stopping…');
  await stopAll(children);
  process.exit(code);
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

function printWelcome(elapsed) {
  const lines = [
    '',
    `CareTracker is running (started in ${elapsed}):`,
    `  API               http://localhost:${API.port}`,
    ...APPS.map((app) => `  ${app.title.padEnd(17)} http://localhost:${app.port}`),
    '',
    `Demo logins (password for all: ${DEMO_PASSWORD})`,
    ...DEMO_LOGINS.map((user) => {
      const app = APPS.find((candidate) => candidate.name === user.app);
      return `  ${user.email.padEnd(28)} ${user.role.padEnd(11)} ${user.name.padEnd(12)} → ${app?.title} :${app?.port}`;
    }),
    `  The admin account uses two-step verification: add the TOTP secret ${DEMO_TOTP_SECRET}`,
    '  to an authenticator app to get its 6-digit codes.',
    '',
    `Logs (requests included): ${shown(logDir)}/. Press Ctrl-C to stop everything.`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

// Once the embedded database holds the demo data, a later start goes straight to the API, which
// applies any new migration to its own PGlite as it starts (packages/api/src/server.ts).
const seededMark = path.join(dataDir, 'demo-seeded');
const embeddedAndSeeded = () =>
  !process.env.DATABASE_URL && existsSync(path.join(dataDir, 'pglite', 'PG_VERSION')) && existsSync(seededMark);

/** The seed script migrates, then adds the demo data to an empty database; its last line says which. */
async function prepareDatabase() {
  const logFile = path.join(logDir, 'database.log');
  const { code, tail } = await runQuiet(process.execPath, tsxArgs('packages/database/src/cli/seed.ts'), {
    env,
    logFile,
  });
  if (code !== 0) throw new Error(`the database step failed (${shown(logFile)}):\n${tail}`);
  if (!process.env.DATABASE_URL) writeFileSync(seededMark, `${new Date().toISOString()}\n`);
  const last = (tail.split('\n').at(-1) ?? '').replace(/ \([\d.]+ s\)$/, '');
  return `database ready: ${last.replace(/^database already has (\d+) users; seed skipped$/, 'demo data already there ($1 people)')}`;
}

async function buildStep(apps, note) {
  await buildApps(env, {
    apps,
    logDir,
    onBuilt: (app, seconds) => note(`${app.name} built in ${seconds.toFixed(1)} s`),
  });
  return `apps built (build output: ${shown(logDir)}/build-<app>.log)`;
}

const progress = createProgress(5);
const noop = async () => {};

/** Database, then the API: neither needs the app builds, so they run beside them. */
async function backend() {
  if (embeddedAndSeeded())
    await progress.step(`database: embedded in ${shown(dataDir)}, demo data seeded before`, noop);
  else await progress.step('database', prepareDatabase, { announce: true });
  await progress.step('API', async () => {
    children.push(await startApi(env, { logDir }));
    return `API answering on 127.0.0.1:${API.port}`;
  });
}

async function frontend() {
  const stale = staleApps(env, { force: process.env.FORCE_BUILD === '1' });
  if (stale.length === 0) return progress.step('apps already built (FORCE_BUILD=1 rebuilds them)', noop);
  const names = stale.map((app) => app.name).join(', ');
  return progress.step(
    `building ${names} (after a fresh clone or a change: about two minutes)`,
    (note) => buildStep(stale, note),
    { announce: true },
  );
}

try {
  await progress.step(`ports ${API.port} and ${APPS.map((app) => app.port).join(', ')} free`, assertPortsFree);
  // Both run to the end before a failure is reported, so no build is left running on its own.
  const failed = (await Promise.allSettled([backend(), frontend()])).find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  await progress.step('apps', async () => {
    children.push(...(await startApps(env, { logDir })));
    return `apps answering on 127.0.0.1:${APPS.map((app) => app.port).join(', ')}`;
  });
  printWelcome(progress.total());
  // If any service dies, stop the rest: a half-running stack only confuses.
  const first = await Promise.race(children.map((child) => child.exited.then((code) => ({ child, code }))));
  if (!stopping) {
    log(first.child.label, `exited with ${first.code}; stopping the others (logs: ${shown(logDir)}/)`);
    await shutdown(1);
  }
} catch (error) {
  log('start', `failed: ${error instanceof Error ? error.message : error}`);
  await shutdown(1);
}
