// The apps' production builds for start.mjs and e2e.mjs: rebuilt only when out of date, all at once.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APPS, log, ROOT, runQuiet, serverOf } from './services.mjs';

const SKIP = new Set(['node_modules', '.next', '.turbo', 'test-results', 'playwright-report']);
// Written by the build itself (git ignores them): newer than the build's stamp, yet no change.
// (sw.js: the worker app's service worker, which `serwist build` writes into public/.)
const GENERATED = new Set(['next-env.d.ts', 'sw.js', 'sw.js.map']);

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || GENERATED.has(entry.name) || /\.(md|tsbuildinfo)$/.test(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

/** The NEXT_PUBLIC_* values are baked into a build, so they are part of its fingerprint. */
function publicEnv(env) {
  return JSON.stringify(
    Object.keys(env)
      .filter((key) => key.startsWith('NEXT_PUBLIC_'))
      .sort()
      .map((key) => [key, env[key]]),
  );
}

const STAMP = 'caretracker-build.json';

/** Whether an app's last build is newer than its sources, the ui and shared packages, and the lockfile. */
export function buildIsCurrent(app, env = process.env) {
  const appDir = path.join(ROOT, 'apps', app.name);
  const stampFile = path.join(appDir, '.next', STAMP);
  if (!existsSync(stampFile) || !existsSync(serverOf(app))) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (stamp.publicEnv !== publicEnv(env)) return false;
    const sources = [appDir, path.join(ROOT, 'packages/ui'), path.join(ROOT, 'packages/shared')];
    const newestSource = Math.max(
      ...sources.map(newestMtime),
      statSync(path.join(ROOT, 'pnpm-lock.yaml'), { throwIfNoEntry: false })?.mtimeMs ?? 0,
      statSync(path.join(ROOT, 'scripts/copy-standalone-assets.mjs')).mtimeMs,
    );
    return newestSource < stamp.builtAt;
  } catch {
    return false;
  }
}

/**
 * Builds the given apps, `concurrency` at a time (default: all together). Measured on the 2-core
 * machine from a cold cache, the three side by side took 148-152 s and one after another 276 s:
 * much of a `next build` waits on one thread (type checking, tracing, writing the cache), so
 * another build fills the gap. Each build's output goes to `logDir/build-<app>.log`; `onBuilt`
 * is told of each finished app.
 */
export async function buildApps(env, { apps, logDir, concurrency = APPS.length, onBuilt = () => {} }) {
  const queue = [...apps];
  const failures = [];
  async function worker() {
    for (let app = queue.shift(); app; app = queue.shift()) {
      const startedAt = Date.now();
      const log = path.join(logDir, `build-${app.name}.log`);
      const { code, tail } = await runQuiet('pnpm', ['--filter', app.name, 'build'], { env, logFile: log });
      if (code !== 0) {
        failures.push(`${app.name} (see ${path.relative(ROOT, log)}):\n${tail}`);
        continue;
      }
      writeFileSync(
        path.join(ROOT, 'apps', app.name, '.next', STAMP),
        JSON.stringify({ builtAt: startedAt, publicEnv: publicEnv(env) }),
      );
      onBuilt(app, (Date.now() - startedAt) / 1000);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, apps.length)) }, worker));
  if (failures.length > 0) throw new Error(`build failed: ${failures.join('\n')}`);
}

/** The apps whose build is missing or older than their sources (every app with `force`). */
export const staleApps = (env, { force = false } = {}) => APPS.filter((app) => force || !buildIsCurrent(app, env));

/**
 * For the scripts that need current builds (e2e, lighthouse, the JS budget): builds what is stale,
 * with a line per app; the build output goes to `logDir` (default: the system's temp folder).
 */
export async function buildStaleApps(
  env,
  { force = false, logDir = path.join(tmpdir(), 'caretracker-build-logs') } = {},
) {
  const apps = staleApps(env, { force });
  if (apps.length === 0) return;
  log('build', `building ${apps.map((app) => app.name).join(', ')} (output in ${logDir})…`);
  await buildApps(env, {
    apps,
    logDir,
    onBuilt: (app, seconds) => log('build', `${app.name} built in ${seconds.toFixed(1)} s`),
  });
}
