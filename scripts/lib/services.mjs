// Process helpers shared by start.mjs and e2e.mjs: run steps, start services with prefixed
// output, wait for /health, and stop everything on the way out.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export const API = { name: 'api', port: Number(process.env.API_PORT ?? 4000) };
export const APPS = [
  { name: 'web', port: 3000, title: 'Client portal' },
  { name: 'mobile-web', port: 3001, title: 'Care worker app' },
  { name: 'admin', port: 3002, title: 'Admin dashboard' },
];

export const DEMO_PASSWORD = 'Garden-Lantern-Visit-42';
export const DEMO_LOGINS = [
  { email: 'admin@caretracker.dev', role: 'ADMIN', name: 'Alex Morgan', app: 'admin' },
  { email: 'supervisor@caretracker.dev', role: 'SUPERVISOR', name: 'Sam Rivera', app: 'admin' },
  { email: 'worker@caretracker.dev', role: 'WORKER', name: 'Jordan Lee', app: 'mobile-web' },
  { email: 'client@caretracker.dev', role: 'CLIENT', name: 'Pat Taylor', app: 'web' },
];
export const DEMO_TOTP_SECRET = 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD';

const COLOURS = { api: 35, web: 36, 'mobile-web': 32, admin: 33, db: 34, build: 90, e2e: 37 };
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;

function prefixFor(label) {
  const tag = `[${label}]`.padEnd(13);
  return useColour ? `\x1b[${COLOURS[label] ?? 37}m${tag}\x1b[0m ` : `${tag} `;
}

export function log(label, message) {
  process.stdout.write(`${prefixFor(label)}${message}\n`);
}

// pnpm's own complaint when we stop a service on purpose is noise, not news.
const STOP_NOISE = /ERR_PNPM_RECURSIVE_(RUN|EXEC)_FIRST_FAIL|Command failed with signal|^\/\S+:$/;

function pipePrefixed(stream, label, target, child) {
  let pending = '';
  const write = (line) => {
    if (child.stopping && STOP_NOISE.test(line.trim())) return;
    target.write(`${prefixFor(label)}${line}\n`);
  };
  stream.setEncoding('utf8');
  stream.on('data', (text) => {
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) write(line);
  });
  stream.on('end', () => {
    if (pending) write(pending);
  });
}

/** Spawns a command in its own process group (so the whole tree can be stopped) with prefixed output. */
export function spawnPrefixed(label, command, args, { env = process.env, cwd = ROOT } = {}) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  pipePrefixed(child.stdout, label, process.stdout, child);
  pipePrefixed(child.stderr, label, process.stderr, child);
  child.label = label;
  child.exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      log(label, `could not start ${command}: ${error.message}`);
      resolve(127);
    });
  });
  return child;
}

/** Runs a step to completion; throws when it fails. */
export async function runStep(label, command, args, options) {
  log(label, `$ ${command} ${args.join(' ')}`);
  const code = await spawnPrefixed(label, command, args, options).exited;
  if (code !== 0) throw new Error(`${label}: \`${command} ${args.join(' ')}\` exited with ${code}`);
}

/** Polls `url` until it answers 2xx; fails early when the service process exits. */
export async function waitForHealth(label, url, child, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child?.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${label} exited before it became healthy`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${label} did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** SIGTERM to each process group, SIGKILL to whatever is left after a grace period. */
export async function stopAll(children, graceMs = 8_000) {
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) {
    child.stopping = true;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const timeout = new Promise((resolve) => setTimeout(resolve, graceMs, 'timeout'));
  const result = await Promise.race([Promise.all(running.map((child) => child.exited)), timeout]);
  if (result === 'timeout') {
    for (const child of running) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

/** True when something already listens on the port (another copy of the stack, say). */
export async function portInUse(port) {
  const { createConnection } = await import('node:net');
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

// ---- builds ----------------------------------------------------------------------------------

const SKIP = new Set(['node_modules', '.next', '.turbo', 'test-results', 'playwright-report']);

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.endsWith('.md')) continue;
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
  if (!existsSync(stampFile) || !existsSync(path.join(appDir, '.next', 'BUILD_ID'))) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (stamp.publicEnv !== publicEnv(env)) return false;
    const sources = [appDir, path.join(ROOT, 'packages/ui'), path.join(ROOT, 'packages/shared')];
    const newestSource = Math.max(
      ...sources.map(newestMtime),
      existsSync(path.join(ROOT, 'pnpm-lock.yaml')) ? statSync(path.join(ROOT, 'pnpm-lock.yaml')).mtimeMs : 0,
    );
    return newestSource < stamp.builtAt;
  } catch {
    return false;
  }
}

/** Builds each app whose build is out of date, one at a time (next build already uses every core). */
export async function buildApps(env = process.env, { force = false } = {}) {
  for (const app of APPS) {
    if (!force && buildIsCurrent(app, env)) {
      log('build', `${app.name}: up to date, skipping (FORCE_BUILD=1 rebuilds)`);
      continue;
    }
    const startedAt = Date.now();
    await runStep('build', 'pnpm', ['--filter', app.name, 'build'], { env });
    writeFileSync(
      path.join(ROOT, 'apps', app.name, '.next', STAMP),
      JSON.stringify({ builtAt: startedAt, publicEnv: publicEnv(env) }),
    );
    log('build', `${app.name}: built in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  }
}

/** Starts the API and the three apps; resolves once every one answers /health. */
export async function startStack(env) {
  const children = [];
  const api = spawnPrefixed('api', 'pnpm', ['--filter', '@caretracker/api', 'start'], { env });
  children.push(api);
  for (const app of APPS) {
    children.push(spawnPrefixed(app.name, 'pnpm', ['--filter', app.name, 'start'], { env }));
  }
  try {
    await Promise.all([
      waitForHealth('api', `http://localhost:${API.port}/health`, api),
      ...APPS.map((app, index) => waitForHealth(app.name, `http://localhost:${app.port}/health`, children[index + 1])),
    ]);
  } catch (error) {
    await stopAll(children);
    throw error;
  }
  return children;
}

/** Refuses to start when the ports are taken, rather than testing someone else's servers. */
export async function assertPortsFree() {
  const taken = [];
  for (const { name, port } of [API, ...APPS]) if (await portInUse(port)) taken.push(`${name} :${port}`);
  if (taken.length > 0) {
    throw new Error(`ports already in use (${taken.join(', ')}); stop the other CareTracker first`);
  }
}
