// Process helpers shared by start.mjs and e2e.mjs: run steps, start services with prefixed
// output (or quietly, into log files), wait for /health, and stop everything on the way out.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
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
  { email: 'family@caretracker.dev', role: 'CLIENT', name: 'Chris Taylor, acting for Pat Taylor', app: 'web' },
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

/**
 * Spawns a command in its own process group (so the whole tree can be stopped) with prefixed
 * output; with `stdoutFile`, its standard output goes to that file and only errors are shown.
 */
export function spawnPrefixed(label, command, args, { env = process.env, cwd = ROOT, stdoutFile } = {}) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (stdoutFile) child.stdout.pipe(createWriteStream(stdoutFile, { flags: 'a' }));
  else pipePrefixed(child.stdout, label, process.stdout, child);
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

/**
 * Runs a command to completion with its output in `logFile` instead of the terminal (calm start);
 * resolves with the exit code and the output's last lines, to show when it failed.
 */
export function runQuiet(command, args, { env = process.env, cwd = ROOT, logFile }) {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const out = createWriteStream(logFile);
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk) => {
    out.write(chunk);
    tail = (tail + chunk).slice(-4_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolve) => {
    child.on('error', (error) => keep(`could not start ${command}: ${error.message}\n`));
    child.on('close', (code) => out.end(() => resolve({ code: code ?? 1, tail: tail.trimEnd() })));
  });
}

/** The standalone server an app's build produces (its build script copies the assets beside it). */
export const serverOf = (app) =>
  path.join(ROOT, 'apps', app.name, '.next', 'standalone', 'apps', app.name, 'server.js');

/** `node --import tsx <file>` from the repository: what `tsx <file>` does, without its extra process. */
export const tsxArgs = (file) => ['--import', 'tsx', path.join(ROOT, file)];

/** Waits until each child answers its /health; stops them all when one does not. */
async function healthy(children, urls) {
  try {
    await Promise.all(children.map((child, index) => waitForHealth(child.label, urls[index], child)));
  } catch (error) {
    await stopAll(children);
    throw error;
  }
  return children;
}

/**
 * Starts the API from source, bound to 127.0.0.1 unless API_HOST says otherwise, its log lines
 * (requests included) to `logDir/api.log`; resolves with the child once it answers /health.
 */
export async function startApi(env, { logDir }) {
  mkdirSync(logDir, { recursive: true });
  const apiEnv = {
    ...env,
    API_HOST: env.API_HOST ?? '127.0.0.1',
    LOG_FILE: env.LOG_FILE ?? path.join(logDir, 'api.log'),
  };
  const api = spawnPrefixed('api', process.execPath, tsxArgs('packages/api/src/server.ts'), {
    env: apiEnv,
    cwd: path.join(ROOT, 'packages/api'),
  });
  const [child] = await healthy([api], [`http://127.0.0.1:${API.port}/health`]);
  return child;
}

/**
 * Starts each app's standalone server on 127.0.0.1, its output to `logDir/<app>.log` (errors still
 * reach the terminal); resolves with the children once every one answers /health.
 */
export async function startApps(env, { logDir }) {
  mkdirSync(logDir, { recursive: true });
  const children = APPS.map((app) =>
    spawnPrefixed(app.name, process.execPath, [serverOf(app)], {
      env: { ...env, PORT: String(app.port), HOSTNAME: '127.0.0.1' },
      stdoutFile: path.join(logDir, `${app.name}.log`),
    }),
  );
  return healthy(
    children,
    APPS.map((app) => `http://127.0.0.1:${app.port}/health`),
  );
}

/** The API and the three apps, started together; resolves once every one answers /health. */
export async function startStack(env, { logDir }) {
  const [api, apps] = await Promise.allSettled([startApi(env, { logDir }), startApps(env, { logDir })]);
  const started = [api, apps].flatMap((result) => (result.status === 'fulfilled' ? [result.value].flat() : []));
  const failed = [api, apps].find((result) => result.status === 'rejected');
  if (failed) {
    await stopAll(started);
    throw failed.reason;
  }
  return started;
}

/** Refuses to start when the ports are taken, rather than testing someone else's servers. */
export async function assertPortsFree() {
  const taken = [];
  for (const { name, port } of [API, ...APPS]) if (await portInUse(port)) taken.push(`${name} :${port}`);
  if (taken.length > 0) {
    throw new Error(`ports already in use (${taken.join(', ')}); stop the other CareTracker first`);
  }
}
