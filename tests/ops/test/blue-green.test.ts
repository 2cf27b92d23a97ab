// Blue-green without a failed request: load runs through the repository's nginx to "blue" (two
// API processes) while scripts/zero-downtime-deploy.sh, in its local mode, starts "green" (two
// more, tests/ops/test/fixtures/api-color.sh), waits for every green server's /health/ready
// (scripts/wait-for-health.sh), switches nginx (scripts/switch-traffic.sh: new upstream file,
// `nginx -t`, `nginx -s reload`) and stops blue with SIGTERM. autocannon must see no error, no
// timeout and no non-2xx answer, and nginx's own log must agree.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_TEST_ENV,
  createScratchDatabase,
  dropDatabase,
  freePorts,
  migrateAndSeed,
  type Nginx,
  REDIS_URL,
  type RunResult,
  readAccessLog,
  run,
  runAsync,
  startNginx,
  tempDir,
  waitForHttp,
  which,
} from './helpers';

const FIXTURE = path.join(import.meta.dirname, 'fixtures/api-color.sh');
const WORKER = { email: 'worker@caretracker.dev', password: 'Garden-Lantern-Visit-42' };
// The load's hard limit, well past the deployment's own 60 s timeout: the test stops the load
// 1.5 s after the deployment ends, so the deployment is always under load, however busy the
// machine (at 20 s, a deployment that took 27 s on a loaded CI machine failed the test).
const LOAD_SECONDS = 120;
// Bounded rates, so the load does not starve green's start on a 2-core machine.
const HEALTH_LOAD = { connections: 8, overallRate: 250 };
const ME_LOAD = { connections: 2, overallRate: 50 };

interface Load {
  instance: autocannon.Instance;
  result: Promise<autocannon.Result>;
}

function startLoad(options: autocannon.Options): Load {
  let instance!: autocannon.Instance;
  const result = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(options, (error, outcome) => (error ? reject(error) : resolve(outcome)));
  });
  return { instance, result };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie (exited, not yet reaped) is not alive.
  const state = run('ps', ['-o', 'stat=', '-p', String(pid)]).stdout.trim();
  return state !== '' && !state.startsWith('Z');
}

/** Whatever API process the fixture left a pid file for: SIGTERM, then SIGKILL after 15 s. */
async function stopLeftovers(runDir: string): Promise<void> {
  const pids = readdirSync(runDir)
    .filter((name) => name.endsWith('.pid'))
    .map((name) => Number(readFileSync(path.join(runDir, name), 'utf8').trim()))
    .filter((pid) => pid > 0 && alive(pid));
  for (const pid of pids) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
}

function summary(name: string, result: autocannon.Result): string {
  const { latency } = result;
  return (
    `${name}: ${result.requests.total} requests (${result['2xx']} 2xx, ${result.non2xx} non-2xx, ` +
    `${result.errors} errors, ${result.timeouts} timeouts) in ${result.duration.toFixed(1)} s; ` +
    `latency ms p50 ${latency.p50} p90 ${latency.p90} p99 ${latency.p99} max ${latency.max}`
  );
}

describe.runIf(which('nginx') || which('/usr/sbin/nginx'))('blue-green deployment under load', () => {
  let database: { name: string; url: string } | undefined;
  let nginx: Nginx | undefined;
  let runDir = '';
  let bluePorts: number[] = [];
  let greenPorts: number[] = [];
  let env: NodeJS.ProcessEnv = {};
  let accessToken = '';
  const loads: Load[] = [];

  beforeAll(async () => {
    const ports = await freePorts(4, 4231);
    bluePorts = ports.slice(0, 2);
    greenPorts = ports.slice(2);
    const nginxPort = (await freePorts(1, 4451))[0]!;
    runDir = tempDir('blue-green');
    database = await createScratchDatabase('bluegreen');
    migrateAndSeed(database.url);
    env = {
      ...API_TEST_ENV,
      DATABASE_URL: database.url,
      REDIS_URL,
      // The load alone is far above the default 1000 requests a minute per address.
      RATE_LIMIT_MAX: '1000000',
      OPS_RUN_DIR: runDir,
      API_PORTS_BLUE: bluePorts.join(' '),
      API_PORTS_GREEN: greenPorts.join(' '),
    };
    const started = run('bash', [FIXTURE, 'start'], { ...env, COLOR: 'blue' });
    if (started.code !== 0) throw new Error(`blue did not start:\n${started.stderr}`);
    await Promise.all(bluePorts.map((port) => waitForHttp(`http://127.0.0.1:${port}/health/ready`)));
    nginx = await startNginx(nginxPort, { blue: bluePorts, green: greenPorts }, 'blue');
    env = { ...env, ...nginx.env };

    const response = await fetch(`${nginx.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.66.${process.pid % 250}.7` },
      body: JSON.stringify({ ...WORKER, tokenDelivery: 'body' }),
      signal: AbortSignal.timeout(15_000),
    });
    expect(response.status).toBe(200);
    accessToken = ((await response.json()) as { data: { accessToken: string } }).data.accessToken;
  });

  afterAll(async () => {
    for (const load of loads) load.instance.stop();
    const steps: (() => Promise<unknown>)[] = [
      async () => nginx?.stop(),
      async () => runDir && existsSync(runDir) && stopLeftovers(runDir),
      async () => database && dropDatabase(database.name),
    ];
    const errors: unknown[] = [];
    for (const step of steps) await step().catch((error) => errors.push(error));
    if (errors.length > 0) throw errors[0];
  });

  it('zero-downtime-deploy.sh switches blue to green with no failed request', async () => {
    const upstreamDir = path.join(nginx!.dir, 'upstreams');
    const live = { ...Object.fromEntries(bluePorts.map((port) => [`127.0.0.1:${port}`, 'blue'])) };
    for (const port of greenPorts) live[`127.0.0.1:${port}`] = 'green';

    const common = { duration: LOAD_SECONDS, timeout: 10 };
    loads.push(
      // The cheap probe, as a load balancer or a dashboard would hammer it.
      startLoad({ ...common, ...HEALTH_LOAD, url: `${nginx!.url}/health/live` }),
      // Authenticated reads: JWT check, session lookup and a query on the shared database.
      startLoad({
        ...common,
        ...ME_LOAD,
        url: `${nginx!.url}/auth/me`,
        headers: { authorization: `Bearer ${accessToken}` },
      }),
    );
    const loadStarted = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const deployStarted = Date.now();
    const deploy: RunResult = await runAsync(
      'bash',
      [
        'scripts/zero-downtime-deploy.sh',
        '--to',
        'green',
        '--timeout',
        '60',
        '--start-cmd',
        `bash ${FIXTURE} start`,
        '--stop-cmd',
        `bash ${FIXTURE} stop`,
      ],
      env,
    );
    const deploySeconds = (Date.now() - deployStarted) / 1000;
    const loadStillRunning = (Date.now() - loadStarted) / 1000 < LOAD_SECONDS - 0.5;
    // A little more load on green alone, then stop.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const loadStopped = Date.now();
    for (const load of loads) load.instance.stop();
    const [health, authenticated] = (await Promise.all(loads.map((load) => load.result))) as [
      autocannon.Result,
      autocannon.Result,
    ];

    const report = [
      `deployment: ${deploySeconds.toFixed(1)} s (exit ${deploy.code})`,
      summary('GET /health/live', health),
      summary('GET /auth/me', authenticated),
    ];
    const byColor: Record<string, number> = {};
    const statuses: Record<string, number> = {};
    const log = readAccessLog(nginx!);
    // Stopping autocannon drops the requests its connections still wait for: nginx logs those
    // as 499 (client closed the request) at that moment, one per connection at most. A 499
    // before then would be a client giving up, and fails the test.
    const stoppedSecond = Math.floor(loadStopped / 1000) * 1000;
    const atStop = log.filter((entry) => entry.status === 499 && Date.parse(entry.time) >= stoppedSecond);
    expect(atStop.length).toBeLessThanOrEqual(10);
    for (const entry of log) {
      if (atStop.includes(entry)) continue;
      const color = live[entry.upstream] ?? entry.upstream;
      byColor[color] = (byColor[color] ?? 0) + 1;
      statuses[entry.status] = (statuses[entry.status] ?? 0) + 1;
    }
    report.push(
      `nginx: ${log.length} requests logged (${atStop.length} cut off by stopping the load), by colour ${JSON.stringify(byColor)}, by status ${JSON.stringify(statuses)}`,
    );
    console.log(report.join('\n'));

    expect(deploy.code, `${deploy.stdout}\n${deploy.stderr}`).toBe(0);
    expect(deploy.stderr).toMatch(/zero-downtime deployment complete: green is live/);
    expect(loadStillRunning, `the deployment (${deploySeconds} s) outlasted the ${LOAD_SECONDS} s load`).toBe(true);

    for (const [result, { connections, overallRate }] of [
      [health, HEALTH_LOAD],
      [authenticated, ME_LOAD],
    ] as const) {
      // autocannon reconnects silently when a server closes a kept-alive connection: a request
      // lost that way shows only as sent without an answer. Only those in flight when the load
      // stopped (one per connection) may lack one. (autocannon 9's `sent` starts at the
      // overallRate, not 0: lib/run.js adds each connection's rate when it opens.) Its rate limiter
      // can count one more per connection at the stop (seen once under CI load: 9 for 8), so the
      // margin is two per connection; nginx's own log below is the strict witness that no request
      // failed.
      expect(result.requests.sent - overallRate - result.requests.total).toBeLessThanOrEqual(2 * connections);
      // nginx's reload closes idle kept-alive client connections; a request written on one at that
      // instant fails at the client before nginx reads it (HTTP/1.1's keep-alive race, which
      // browsers and fetch retry on their own). Seen once in four CI runs: 1 of 2,285. At most one
      // per connection; nginx's log below proves no request that reached it failed.
      expect(result.errors).toBeLessThanOrEqual(connections);
      expect(result.timeouts).toBe(0);
      expect(result.non2xx).toBe(0);
      expect(result['2xx']).toBeGreaterThan(0);
    }
    // nginx agrees: every answer was 2xx, both colours served, and green serves now.
    expect(Object.keys(statuses).filter((status) => !status.startsWith('2'))).toEqual([]);
    expect(byColor.blue).toBeGreaterThan(0);
    expect(byColor.green).toBeGreaterThan(0);
    expect(log.slice(-20).map((entry) => live[entry.upstream])).toEqual(Array(20).fill('green'));

    expect(readFileSync(path.join(upstreamDir, 'active-color'), 'utf8').trim()).toBe('green');
    expect(readFileSync(path.join(upstreamDir, 'active.conf'), 'utf8')).toBe(
      readFileSync(path.join(upstreamDir, 'green.conf'), 'utf8'),
    );
    // Blue is gone (the fixture waited for its processes to exit); green is healthy.
    for (const port of bluePorts) {
      expect(existsSync(path.join(runDir, `api-blue-${port}.pid`))).toBe(false);
      await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
    }
    for (const port of greenPorts) {
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    }
  });
});
