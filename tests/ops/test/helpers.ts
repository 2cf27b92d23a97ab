// Shared by the ops suites: run the repository's scripts, make scratch databases, start real API
// processes and a real nginx on test ports (41xx/42xx; the dev stack keeps 3000-3002 and 4000).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    const result = run('pnpm', [script], { DATABASE_URL: url }, 180_000);
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

/** The API from source (`pnpm --filter @caretracker/api start`) on a test port. */
export function startApi(port: number, env: NodeJS.ProcessEnv): Service {
  return startService('pnpm', ['--filter', '@caretracker/api', 'start'], {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    API_PORT: String(port),
    API_HOST: '127.0.0.1',
    JWT_SECRET: 'ops-test-secret-that-is-long-enough-0123456789',
    BCRYPT_SALT_ROUNDS: '4',
    ...env,
  });
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

/** SIGTERM to the process group, SIGKILL after the grace period; resolves with the exit code. */
export async function stopService(service: Service, graceMs = 15_000): Promise<number> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return service.exited;
  try {
    process.kill(-service.child.pid!, 'SIGTERM');
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
  env: NodeJS.ProcessEnv;
  stop: () => void;
}

/**
 * The repository's infrastructure/nginx/nginx.conf, run by Debian's nginx as an ordinary
 * process: only the listen port, the upstream servers (upstreams/*.conf with test ports) and
 * the file locations (pid, logs, temp folders, under a temporary folder) are changed.
 */
export function startNginx(listenPort: number, upstreams: Record<string, number[]>, active: string): Nginx {
  const dir = tempDir('nginx');
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
  const nginxBin = which('nginx') ? 'nginx' : '/usr/sbin/nginx';
  const started = run(nginxBin, ['-c', confPath, '-p', dir]);
  if (started.code !== 0) throw new Error(`nginx did not start:\n${started.stderr}`);
  return {
    dir,
    conf: confPath,
    env: { NGINX_CONF: confPath, NGINX_PREFIX: dir, NGINX_BIN: nginxBin },
    stop: () => {
      run(nginxBin, ['-c', confPath, '-p', dir, '-s', 'quit']);
    },
  };
}
