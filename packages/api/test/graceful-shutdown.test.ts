import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';

const API_DIR = new URL('..', import.meta.url).pathname;
const PORT = 4390 + Math.floor(Math.random() * 50);

let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
});

async function startServer(): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      API_PORT: String(PORT),
      API_HOST: '127.0.0.1',
      DATA_DIR: 'memory://',
      DATABASE_URL: '',
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Generous: a cold tsx start plus every migration on PGlite is slow on a loaded 2-core machine.
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error('server exited during start');
    const up = await fetch(`http://127.0.0.1:${PORT}/health/live`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return server;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('server did not start');
}

describe('graceful shutdown on SIGTERM', () => {
  it('finishes the request in flight, refuses new connections, and exits 0', async () => {
    child = await startServer();
    // A login takes a full bcrypt comparison (cost 12, ~250 ms): long enough to be in flight.
    const inFlight = fetch(`http://127.0.0.1:${PORT}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@test.caretracker.dev', password: 'some-long-password' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as { error: string }).error).toBe('UNAUTHORIZED');
    const [code] = await exited;
    expect(code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${PORT}/health/live`)).rejects.toThrow();
  }, 240_000);
});
