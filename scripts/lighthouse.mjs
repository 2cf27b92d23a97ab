#!/usr/bin/env node
// `pnpm lighthouse [-- --app web]`: build the apps if needed, start the API on a fresh embedded
// database (PGlite in a temp directory, migrated and seeded, as `pnpm start` runs it) and the three
// production apps, run tests/e2e/lighthouse.ts, stop everything. Binds the standard ports: run it
// under `flock /tmp/caretracker-ports.lock` on a shared machine. Not part of `pnpm test`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildStaleApps } from './lib/builds.mjs';
import { APPS, assertPortsFree, log, runStep, spawnPrefixed, startStack, stopAll, tsxArgs } from './lib/services.mjs';

const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
delete baseEnv.DATABASE_URL;
const dataDir = mkdtempSync(path.join(tmpdir(), 'caretracker-lighthouse-'));
let children = [];
let exitCode = 1;

async function cleanUp() {
  await stopAll(children);
  children = [];
  rmSync(dataDir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await cleanUp();
    process.exit(130);
  });
}

try {
  await assertPortsFree();
  const logDir = path.join(dataDir, 'logs');
  await buildStaleApps(baseEnv, { force: process.env.FORCE_BUILD === '1', logDir });
  const env = {
    ...baseEnv,
    DATA_DIR: dataDir,
    CORS_ORIGINS: APPS.map((app) => `http://localhost:${app.port}`).join(','),
    LOG_LEVEL: 'warn',
  };
  // The seed script migrates first.
  await runStep('db', process.execPath, tsxArgs('packages/database/src/cli/seed.ts'), { env });
  children = await startStack(env, { logDir });
  log('lighthouse', 'stack is up; running Lighthouse');
  const runner = spawnPrefixed(
    'lighthouse',
    'pnpm',
    [
      '--filter',
      '@caretracker/e2e',
      'exec',
      'node',
      '--import',
      'tsx',
      'lighthouse.ts',
      ...process.argv.slice(2).filter((arg) => arg !== '--'),
    ],
    { env: baseEnv },
  );
  exitCode = await runner.exited;
} catch (error) {
  log('lighthouse', `failed: ${error instanceof Error ? error.message : error}`);
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);
