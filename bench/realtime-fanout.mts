// WebSocket fan-out: how long after an event is committed every socket has it.
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/caretracker_bench_ws [REDIS_URL=redis://127.0.0.1:6379] \
//     node --import tsx bench/realtime-fanout.mts [--sockets 5000] [--events 5] [--replicas 2]
//
// The database must hold the demo seed (`pnpm database:migrate && pnpm database:seed`); the bench
// checks in some of the demo worker's scheduled visits, so use a scratch database. It starts the
// API from source (`--replicas` processes; more than one needs REDIS_URL), opens the sockets as the
// demo supervisor, spread over the replicas, and for each check-in measures, per socket, the time
// from the event's `at` (stamped when the transaction committed) to its arrival here.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(ROOT, 'packages/api/package.json'));
const WebSocket = require('ws') as typeof import('ws').default;

const { values } = parseArgs({
  options: {
    sockets: { type: 'string', default: '5000' },
    events: { type: 'string', default: '5' },
    replicas: { type: 'string', default: '1' },
    // 4190 is on fetch's list of blocked ports (ManageSieve).
    port: { type: 'string', default: '4290' },
  },
});
const SOCKETS = Number(values.sockets);
const EVENTS = Number(values.events);
const REPLICAS = Number(values.replicas);
const PASSWORD = 'Garden-Lantern-Visit-42';
if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL (a scratch database with the demo seed) is required');
if (REPLICAS > 1 && !process.env.REDIS_URL) throw new Error('more than one replica needs REDIS_URL');

const ports = Array.from({ length: REPLICAS }, (_, index) => Number(values.port) + index);
const children: ChildProcess[] = ports.map((port) =>
  spawn('node', ['--import', 'tsx', 'packages/api/src/server.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
      RATE_LIMIT_MAX: '1000000',
      RATE_LIMIT_AUTH_MAX: '1000',
      DATABASE_POOL_SIZE: '10',
    },
  }),
);
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
for (const child of children) child.on('exit', (code) => console.error(`API process exited with ${code}`));
process.on('exit', stop);

async function waitUp(port: number) {
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/live`)).ok) return;
    } catch {
      // still starting
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`API on ${port} did not start`);
}

async function api<T>(port: number, route: string, init: { token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}${route}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: T }).data;
}

const login = (port: number, email: string) =>
  api<{ accessToken: string }>(port, '/auth/login', { body: { email, password: PASSWORD, tokenDelivery: 'body' } });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => `${n.toFixed(1)} ms`;
  return `p50 ${f(percentile(sorted, 0.5))}, p95 ${f(percentile(sorted, 0.95))}, p99 ${f(percentile(sorted, 0.99))}, max ${f(sorted.at(-1)!)}`;
};

await Promise.all(ports.map(waitUp));
const port = ports[0]!;
const supervisor = await login(port, 'supervisor@caretracker.dev');
const worker = await login(port, 'worker@caretracker.dev');

// Arrival times per event id, one entry per socket.
const arrivals = new Map<string, number[]>();
const now = () => performance.timeOrigin + performance.now();
const sockets = await Promise.all(
  Array.from(
    { length: SOCKETS },
    (_, index) =>
      new Promise<InstanceType<typeof WebSocket>>((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${ports[index % ports.length]}/ws/visits`, {
          headers: { authorization: `Bearer ${supervisor.accessToken}` },
        });
        socket.on('message', (data) => {
          const frame = JSON.parse(String(data)) as { type: string; at?: string; data?: { visit?: { id: string } } };
          if (frame.type === 'ready') resolve(socket);
          if (frame.type !== 'visit.checked_in' || !frame.at || !frame.data?.visit) return;
          const key = frame.data.visit.id;
          const list = arrivals.get(key) ?? [];
          list.push(now() - Date.parse(frame.at));
          arrivals.set(key, list);
        });
        socket.once('error', reject);
      }),
  ),
);
console.log(`${sockets.length} sockets live on ${REPLICAS} replica(s)`);

const visits = await api<Array<{ id: string }>>(port, '/visits?status=SCHEDULED&limit=100', {
  token: worker.accessToken,
});
const all: number[] = [];
for (const visit of visits.slice(0, EVENTS)) {
  await api(ports[ports.length - 1]!, `/visits/${visit.id}/checkin`, {
    token: worker.accessToken,
    body: { lat: 45.5, lng: -122.6, accuracyM: 10 },
  });
  const deadline = Date.now() + 10_000;
  while ((arrivals.get(visit.id)?.length ?? 0) < SOCKETS && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const times = arrivals.get(visit.id) ?? [];
  all.push(...times);
  console.log(`event for visit ${visit.id.slice(0, 8)}: ${times.length}/${SOCKETS} sockets, ${summary(times)}`);
}
console.log(`all events, commit → arrival: ${summary(all)}`);
for (const replica of ports) {
  const metrics = await (await fetch(`http://127.0.0.1:${replica}/metrics`)).text();
  const lines = metrics.split('\n').filter((line) => line.startsWith('caretracker_realtime_fanout_seconds_'));
  const sum = Number(lines.find((line) => line.includes('_sum'))?.split(' ')[1]);
  const count = Number(lines.find((line) => line.includes('_count'))?.split(' ')[1]);
  console.log(`replica ${replica}: server-side fan-out ${((sum / count) * 1000).toFixed(2)} ms per event on average`);
}
for (const socket of sockets) socket.terminate();
stop();
process.exit(0);
