// Scale: three API processes behind the repository's nginx (least_conn upstream), on one
// PostgreSQL database and one Redis, as docker-compose.scale.yml runs them. Sessions live in
// PostgreSQL and rate limits in Redis, so any replica can serve any request.
// Live updates fan out through Redis pub/sub, so an event raised on one replica reaches sockets
// held by the others, also when the socket came in through nginx (which forwards the upgrade).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  createScratchDatabase,
  dropDatabase,
  freePorts,
  migrateAndSeed,
  type Nginx,
  REDIS_URL,
  readAccessLog,
  type Service,
  startApi,
  startNginx,
  stopService,
  waitForHttp,
  which,
} from './helpers';

const WORKER = { email: 'worker@caretracker.dev', password: 'Garden-Lantern-Visit-42' };
// Jordan (the demo worker) is in Sam's team.
const SUPERVISOR = { email: 'supervisor@caretracker.dev', password: 'Garden-Lantern-Visit-42' };
const AUTH_MAX = 3;

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/** The API's envelope, as far as these tests read it. */
interface Body {
  success: boolean;
  error?: string;
  data: Tokens & { status: string; email: string };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Body };
}

async function login(base: string, headers: Record<string, string> = {}, who = WORKER): Promise<Tokens> {
  const response = await post(`${base}/auth/login`, { ...who, tokenDelivery: 'body' }, headers);
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  expect(response.json.data.status).toBe('authenticated');
  return response.json.data;
}

async function refresh(base: string, refreshToken: string, headers: Record<string, string> = {}) {
  return post(`${base}/auth/refresh`, { refreshToken }, headers);
}

async function me(base: string, accessToken: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/auth/me`, {
    headers: { authorization: `Bearer ${accessToken}`, ...headers },
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, json: (await response.json()) as Body };
}

interface Frame {
  type: string;
  data?: { visit?: { id: string } };
}

/** A WebSocket that has been told it is live (`ready`), collecting frames for `next`. */
async function liveSocket(url: string, token: string, headers: Record<string, string>) {
  const socket = new WebSocket(url, { headers: { ...headers, authorization: `Bearer ${token}` } });
  const frames: Frame[] = [];
  const waiters: Array<(frame: Frame) => void> = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    frames.push(frame);
    for (const waiter of [...waiters]) waiter(frame);
  });
  const next = <T>(match: (frame: Frame) => boolean, value: () => T, timeoutMs = 5_000) =>
    new Promise<T>((resolve, reject) => {
      if (frames.some(match)) return resolve(value());
      const timer = setTimeout(
        () => reject(new Error(`no frame within ${timeoutMs} ms: ${JSON.stringify(frames)}`)),
        timeoutMs,
      );
      waiters.push((frame) => {
        if (!match(frame)) return;
        clearTimeout(timer);
        resolve(value());
      });
    });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  await next(
    (frame) => frame.type === 'ready',
    () => undefined,
  );
  return { next, close: () => socket.close() };
}

// Each test is one client address (X-Forwarded-For from a trusted proxy, as nginx sends it), so
// rate-limit counters in the shared Redis never meet those of another test or test run.
function clientAddress(): string {
  return `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
}

describe.runIf(which('nginx') || which('/usr/sbin/nginx'))('three API replicas behind nginx', () => {
  let database: { name: string; url: string } | undefined;
  const apis: Service[] = [];
  let apiPorts: number[] = [];
  let nginx: Nginx | undefined;
  const replica = (index: number) => `http://127.0.0.1:${apiPorts[index]}`;

  beforeAll(async () => {
    apiPorts = await freePorts(3, 4131);
    const nginxPort = (await freePorts(1, 4431))[0]!;
    database = await createScratchDatabase('scale');
    migrateAndSeed(database.url);
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      RATE_LIMIT_AUTH_MAX: String(AUTH_MAX),
      // The global limit is counted per address in the shared Redis: the blue-green suite's load
      // from 127.0.0.1 a few seconds earlier would otherwise count against the direct calls here.
      RATE_LIMIT_MAX: '1000000',
    };
    for (const port of apiPorts) apis.push(startApi(port, env));
    await Promise.all(apis.map((api, index) => waitForHttp(`${replica(index)}/health/ready`, api)));
    nginx = await startNginx(nginxPort, { api: apiPorts }, 'api');
  });

  afterAll(async () => {
    // Everything is attempted even when something before it fails.
    const steps: (() => Promise<unknown>)[] = [
      async () => nginx?.stop(),
      () => Promise.all(apis.map((api) => stopService(api))),
      async () => database && dropDatabase(database.name),
    ];
    const errors: unknown[] = [];
    for (const step of steps) await step().catch((error) => errors.push(error));
    if (errors.length > 0) throw errors[0];
  });

  it('every replica and nginx are up; nginx spreads requests over all three', async () => {
    const seen = new Set<string>();
    // Concurrent requests: least_conn sends each to the replica with the fewest open ones.
    await Promise.all(
      Array.from({ length: 30 }, async () => {
        const response = await fetch(`${nginx!.url}/health/live`, { signal: AbortSignal.timeout(15_000) });
        expect(response.status).toBe(200);
      }),
    );
    for (const entry of readAccessLog(nginx!)) if (entry.uri === '/health/live') seen.add(entry.upstream);
    expect([...seen].sort()).toEqual(apiPorts.map((port) => `127.0.0.1:${port}`).sort());
  });

  it('logs in through nginx (one replica), refreshes through nginx, and uses the token anywhere', async () => {
    const ip = clientAddress();
    const loginId = randomUUID();
    const tokens = await login(nginx!.url, { 'x-forwarded-for': ip, 'x-request-id': loginId });
    const refreshId = randomUUID();
    const refreshed = await refresh(nginx!.url, tokens.refreshToken, {
      'x-forwarded-for': ip,
      'x-request-id': refreshId,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('x-request-id')).toBe(refreshId);

    // nginx's access log names the replica that answered each request (by its request id).
    const log = readAccessLog(nginx!);
    const loginEntry = log.find((entry) => entry.requestId === loginId);
    const refreshEntry = log.find((entry) => entry.requestId === refreshId);
    expect(loginEntry).toMatchObject({ uri: '/auth/login', status: 200 });
    expect(refreshEntry).toMatchObject({ uri: '/auth/refresh', status: 200 });
    const upstreams = apiPorts.map((port) => `127.0.0.1:${port}`);
    expect(upstreams).toContain(loginEntry!.upstream);
    expect(upstreams).toContain(refreshEntry!.upstream);

    // The new access token works on every replica.
    for (const index of [0, 1, 2]) {
      const response = await me(replica(index), refreshed.json.data.accessToken);
      expect(response.status).toBe(200);
      expect(response.json.data.email).toBe(WORKER.email);
    }
  });

  it('a session started on replica A is refreshed on replica B and used on replica C', async () => {
    const ip = { 'x-forwarded-for': clientAddress() };
    const tokens = await login(replica(0), ip);
    const refreshed = await refresh(replica(1), tokens.refreshToken, ip);
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.data.refreshToken).not.toBe(tokens.refreshToken);
    const response = await me(replica(2), refreshed.json.data.accessToken);
    expect(response.status).toBe(200);
    expect(response.json.data.email).toBe(WORKER.email);
    // The rotation is shared too: the refresh token B replaced is refused by C.
    expect((await refresh(replica(2), tokens.refreshToken, ip)).status).toBe(401);
  });

  it(`the login rate limit (${AUTH_MAX} a minute) is counted once across the three replicas`, async () => {
    const ip = { 'x-forwarded-for': clientAddress() };
    const wrong = {
      email: `nobody-${randomUUID()}@caretracker.dev`,
      password: 'Not-The-Password-1',
      tokenDelivery: 'body',
    };
    // One attempt on each replica: each alone is under its limit.
    for (const index of [0, 1, 2]) {
      const response = await post(`${replica(index)}/auth/login`, wrong, ip);
      expect(response.status, `attempt ${index + 1} on replica ${index}`).toBe(401);
    }
    // The fourth, on whichever replica nginx picks, is over the shared limit; so is a direct one.
    const fourth = await post(`${nginx!.url}/auth/login`, wrong, ip);
    expect(fourth.status).toBe(429);
    expect(fourth.json).toMatchObject({ success: false, error: 'RATE_LIMITED' });
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    for (const index of [0, 1, 2]) {
      expect((await post(`${replica(index)}/auth/login`, { ...WORKER, tokenDelivery: 'body' }, ip)).status).toBe(429);
    }
    // Another address is not affected.
    await login(nginx!.url, { 'x-forwarded-for': clientAddress() });
  });

  it('a WebSocket event published on one replica reaches sockets held by the others and through nginx', async () => {
    const ip = { 'x-forwarded-for': clientAddress() };
    const supervisor = await login(replica(1), ip, SUPERVISOR);
    const worker = await login(replica(2), ip);
    const sockets = await Promise.all([
      liveSocket(`${nginx!.url.replace('http:', 'ws:')}/ws/visits`, supervisor.accessToken, ip),
      liveSocket(`ws://127.0.0.1:${apiPorts[1]}/ws/visits`, supervisor.accessToken, ip),
      liveSocket(`ws://127.0.0.1:${apiPorts[2]}/ws/visits`, supervisor.accessToken, ip),
    ]);
    try {
      // One of the demo worker's upcoming visits, checked in on replica A (index 0) only.
      const listed = await fetch(`${replica(0)}/visits?status=SCHEDULED&limit=100`, {
        headers: { ...ip, authorization: `Bearer ${worker.accessToken}` },
        signal: AbortSignal.timeout(15_000),
      });
      const visits = ((await listed.json()) as { data: Array<{ id: string }> }).data;
      expect(visits.length).toBeGreaterThan(0);
      const visitId = visits[0]!.id;
      const started = performance.now();
      const checkedIn = await post(
        `${replica(0)}/visits/${visitId}/checkin`,
        { lat: 45.5, lng: -122.6, accuracyM: 10 },
        { ...ip, authorization: `Bearer ${worker.accessToken}` },
      );
      expect(checkedIn.status, JSON.stringify(checkedIn.json)).toBe(200);
      const arrivals = await Promise.all(
        sockets.map((socket) =>
          socket.next(
            (frame) => frame.type === 'visit.checked_in' && frame.data?.visit?.id === visitId,
            () => performance.now() - started,
          ),
        ),
      );
      for (const ms of arrivals) expect(ms).toBeLessThan(1_000);
      console.info(
        `check-in on replica A → sockets via nginx, B, C: ${arrivals.map((ms) => ms.toFixed(0)).join(', ')} ms`,
      );
    } finally {
      for (const socket of sockets) socket.close();
    }
  });
});
