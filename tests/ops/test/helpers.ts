// Shared by the ops suites: run the repository's scripts, make scratch databases, start real API
// processes and a real nginx on test ports (41xx/42xx; the dev stack keeps 3000-3002 and 4000).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (no shell), from the repository root. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): RunResult {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { code: result.status ?? 1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Like `run`, without blocking the event loop (for tests that serve HTTP to the script). */
export function runAsync(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export function which(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `caretracker-ops-${prefix}-`));
}

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new, empty database with a unique name; returns its URL. */
export async function createScratchDatabase(prefix: string): Promise<{ name: string; url: string }> {
  const name = `ops_${prefix}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return { name, url: databaseUrl(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** `pnpm database:migrate` and `pnpm database:seed` against a database URL. */
export function migrateAndSeed(url: string): void {
  for (const script of ['database:migrate', 'database:seed']) {
    // NODE_ENV=test like the APIs started here, so the seed seals with the key they open with.
    const result = run('pnpm', [script], { DATABASE_URL: url, NODE_ENV: 'test' }, 180_000);
    if (result.code !== 0) throw new Error(`pnpm ${script} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

export interface Service {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number>;
}

/** Starts a long-running command in its own process group, keeping its output for diagnostics. */
export function startService(command: string, args: string[], env: NodeJS.ProcessEnv): Service {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
  );
  return { child, output: () => output, exited };
}

/**
 * The API from source (`node --import tsx packages/api/src/server.ts`, what
 * `pnpm --filter @caretracker/api start` runs, without pnpm's extra process) on a test port.
 */
export const API_TEST_ENV: NodeJS.ProcessEnv = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  API_HOST: '127.0.0.1',
  // The test nginx runs on loopback, in front of the APIs, as the compose files' gateway does.
  TRUSTED_PROXIES: '127.0.0.1',
  JWT_SECRET: 'ops-test-secret-that-is-long-enough-0123456789',
  BCRYPT_SALT_ROUNDS: '4',
  // Up to seven processes share one PostgreSQL (max_connections 100 by default).
  DATABASE_POOL_SIZE: '5',
};

export function startApi(port: number, env: NodeJS.ProcessEnv): Service {
  return startService('node', ['--import', 'tsx', 'packages/api/src/server.ts'], {
    ...API_TEST_ENV,
    API_PORT: String(port),
    ...env,
  });
}

/** `count` ports free on 127.0.0.1, the first ones at or after `from` (test ranges 41xx-44xx). */
export async function freePorts(count: number, from: number): Promise<number[]> {
  const ports: number[] = [];
  for (let port = from; ports.length < count && port < from + 500; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createTcpServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) ports.push(port);
  }
  if (ports.length < count) throw new Error(`no ${count} free ports from ${from}`);
  return ports;
}

export async function waitForHttp(url: string, service?: Service, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  service?.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`process exited before ${url} answered:\n${service?.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${service?.output() ?? ''}`);
}

/** SIGTERM (or `signal`) to the process group, SIGKILL after the grace period; resolves with the exit code. */
export async function stopService(
  service: Service,
  graceMs = 15_000,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return service.exited;
  try {
    process.kill(-service.child.pid!, signal);
  } catch {
    return service.exited;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-service.child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }, graceMs);
  const code = await service.exited;
  clearTimeout(timer);
  return code;
}

export interface Nginx {
  dir: string;
  conf: string;
  port: number;
  url: string;
  accessLog: string;
  /** NGINX_CONF, NGINX_PREFIX and NGINX_BIN, for scripts/switch-traffic.sh and zero-downtime-deploy.sh. */
  env: NodeJS.ProcessEnv;
  service: Service;
  stop: () => Promise<number>;
}

export const NGINX_BIN = which('nginx') ? 'nginx' : '/usr/sbin/nginx';

/**
 * The repository's infrastructure/nginx/nginx.conf, run by Debian's nginx as an ordinary
 * foreground process (`daemon off`, its own process group): only the listen port, the upstream
 * servers (upstreams/*.conf with test ports) and the file locations (pid, logs, temp folders,
 * under a temporary folder) are changed. Resolves once /nginx-health answers.
 */
export async function startNginx(
  listenPort: number,
  upstreams: Record<string, number[]>,
  active: string,
): Promise<Nginx> {
  const dir = tempDir('nginx');
  // Started as root, nginx's workers run as nobody: they must reach the temp folders inside.
  chmodSync(dir, 0o755);
  mkdirSync(path.join(dir, 'upstreams'));
  mkdirSync(path.join(dir, 'logs'));
  const source = readFileSync(path.join(ROOT, 'infrastructure/nginx/nginx.conf'), 'utf8');
  const conf = source
    .replace(/^pid .*;$/m, `pid ${dir}/nginx.pid;`)
    .replace(/^error_log .*;$/m, `error_log ${dir}/logs/error.log warn;`)
    .replace(/^(\s*)access_log \/var\/log\/nginx\/access\.log/m, `$1access_log ${dir}/logs/access.log`)
    .replace(/^(\s*)include mime\.types;$/m, '$1include /etc/nginx/mime.types;')
    .replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${listenPort};`)
    .replace(/^\s*listen \[::\]:80;$/m, '')
    .replace(
      /^http \{$/m,
      [
        'http {',
        `    client_body_temp_path ${dir}/body;`,
        `    proxy_temp_path ${dir}/proxy;`,
        `    fastcgi_temp_path ${dir}/fastcgi;`,
        `    uwsgi_temp_path ${dir}/uwsgi;`,
        `    scgi_temp_path ${dir}/scgi;`,
      ].join('\n'),
    )
    .replace(/^worker_processes auto;$/m, 'worker_processes 2;');
  if (conf === source) throw new Error('nginx.conf template did not apply');
  for (const [name, ports] of Object.entries(upstreams)) {
    const shipped = readFileSync(path.join(ROOT, `infrastructure/nginx/upstreams/${name}.conf`), 'utf8');
    const serverLine = /^(\s*)server \S+:4000 (.*);$/m;
    const match = serverLine.exec(shipped);
    if (!match) throw new Error(`no server line in upstreams/${name}.conf`);
    const servers = ports.map((port) => `${match[1]}server 127.0.0.1:${port} ${match[2]};`).join('\n');
    writeFileSync(path.join(dir, 'upstreams', `${name}.conf`), shipped.replace(serverLine, servers));
  }
  writeFileSync(
    path.join(dir, 'upstreams', 'active.conf'),
    readFileSync(path.join(dir, 'upstreams', `${active}.conf`)),
  );
  writeFileSync(path.join(dir, 'upstreams', 'active-color'), `${active}\n`);
  const confPath = path.join(dir, 'nginx.conf');
  writeFileSync(confPath, conf);
  const errorLog = path.join(dir, 'logs/error.log');
  // -e: the error log before the configuration is read (otherwise /var/log/nginx/error.log).
  const args = ['-c', confPath, '-p', dir, '-e', errorLog];
  const tested = run(NGINX_BIN, [...args, '-t', '-q']);
  if (tested.code !== 0) throw new Error(`nginx rejected the configuration:\n${tested.stderr}`);
  const service = startService(NGINX_BIN, [...args, '-g', 'daemon off;'], {});
  const url = `http://127.0.0.1:${listenPort}`;
  try {
    await waitForHttp(`${url}/nginx-health`, service, 30_000);
  } catch (error) {
    await stopService(service, 2_000);
    throw error;
  }
  return {
    dir,
    conf: confPath,
    port: listenPort,
    url,
    accessLog: path.join(dir, 'logs/access.log'),
    env: { NGINX_CONF: confPath, NGINX_PREFIX: dir, NGINX_BIN },
    service,
    // SIGQUIT: graceful (workers finish their requests), SIGKILL to the group after the grace period.
    stop: () => stopService(service, 5_000, 'SIGQUIT'),
  };
}

export interface AccessLogEntry {
  /** ISO 8601 with seconds: when nginx finished the request. */
  time: string;
  requestId: string;
  method: string;
  uri: string;
  status: number;
  upstream: string;
  upstreamStatus: string;
}

/** nginx's JSON access log (log_format caretracker). */
export function readAccessLog(nginx: Nginx): AccessLogEntry[] {
  return readFileSync(nginx.accessLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AccessLogEntry);
}
