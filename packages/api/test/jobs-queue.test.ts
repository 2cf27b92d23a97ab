import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentContext, runWithContext } from '../src/context/request-context';
import { checkEvictionPolicy, startQueueRunner } from '../src/modules/jobs/queue-runner';
import type { Job, JobRunner } from '../src/modules/jobs/runner';
import { redisUrl, startApp, type TestApp } from './helpers/app';
import { createUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { dropPrefix, uniquePrefix, waitUntil } from './helpers/queues';

const hasRedis = Boolean(redisUrl());

describe.runIf(hasRedis)('BullMQ job runner (real Redis)', () => {
  let t: TestApp;
  const prefixes: string[] = [];
  const runners: JobRunner[] = [];
  const start = async (jobs: Job[], prefix: string, backoffMs = 100) => {
    const runner = await startQueueRunner(jobs, {
      redisUrl: redisUrl()!,
      log: t.app.log,
      metrics: t.app.deps.jobMetrics,
      prefix,
      backoffMs,
    });
    runners.push(runner);
    return runner;
  };

  beforeAll(async () => {
    t = await startApp({ redis: true });
  });
  afterAll(async () => {
    for (const runner of runners) await runner.drain();
    for (const prefix of prefixes) await dropPrefix(prefix);
    await t.close();
  });

  it('two runners sharing Redis run a repeatable job once per interval, never twice', async () => {
    const prefix = uniquePrefix('once');
    prefixes.push(prefix);
    const runs: number[] = [];
    const job: Job = { name: 'tick', intervalMs: 500, run: async () => runs.push(Date.now()) };
    // Two replicas, each with the same job list and its own connections.
    const first = await start([job], prefix);
    const second = await start([job], prefix);
    const windowStart = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    const elapsed = Date.now() - windowStart;
    await Promise.all([first.drain(), second.drain()]);

    // One run per 500 ms slot (plus the first at start), not two.
    expect(runs.length).toBeGreaterThanOrEqual(Math.floor(elapsed / 500) - 1);
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(elapsed / 500) + 1);
    const gaps = runs.slice(1).map((at, i) => at - (runs[i] ?? at));
    expect(Math.min(...gaps)).toBeGreaterThan(250);
  });

  it('retries a failing job with exponential backoff and counts each failure in /metrics', async () => {
    const prefix = uniquePrefix('retry');
    prefixes.push(prefix);
    const name = `flaky-${prefix.slice(-8)}`;
    const attempts: number[] = [];
    const job: Job = {
      name,
      intervalMs: 3_600_000,
      run: async () => {
        if (currentContext().requestId !== 'req-retry') return 'scheduled run';
        attempts.push(Date.now());
        if (attempts.length <= 2) throw new Error('transient failure');
        return 'ok';
      },
    };
    const runner = await start([job], prefix, 200);
    await runWithContext({ requestId: 'req-retry', ip: null, userAgent: null, actor: null }, () =>
      runner.enqueue(name),
    );
    await waitUntil(() => attempts.length >= 3, 10_000, 'the third attempt');
    const [a, b, c] = attempts;
    expect(b! - a!).toBeGreaterThanOrEqual(180);
    expect(c! - b!).toBeGreaterThanOrEqual(380); // 200 ms, then 400 ms

    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain(`caretracker_job_failures_total{job="${name}"} 2`);
    expect(metrics.body).toMatch(
      new RegExp(`caretracker_job_duration_seconds_count\\{job="${name}",outcome="failure"\\} 2`),
    );
  });

  it('a job that keeps failing is listed as failed, and only admins can see the list', async () => {
    const prefix = uniquePrefix('failed');
    prefixes.push(prefix);
    const name = `broken-${prefix.slice(-8)}`;
    let calls = 0;
    const job: Job = {
      name,
      intervalMs: 3_600_000,
      run: async () => {
        calls += 1;
        throw new Error('always broken');
      },
    };
    const runner = await start([job], prefix, 50);
    await runWithContext({ requestId: 'req-broken', ip: null, userAgent: null, actor: null }, () =>
      runner.enqueue(name),
    );
    await waitUntil(async () => (await runner.recentFailures()).some((f) => f.requestId === 'req-broken'));
    const failures = await runner.recentFailures();
    expect(failures.find((f) => f.requestId === 'req-broken')).toMatchObject({
      job: name,
      error: 'always broken',
      attempts: 3,
    });
    expect(calls).toBeGreaterThanOrEqual(3);

    t.app.deps.jobRunner = runner;
    try {
      const admin = await createUser(t.app, { role: 'ADMIN' });
      const listed = await t.app.inject({ method: 'GET', url: '/admin/jobs/failed', headers: admin.headers });
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.json().data.runner).toBe('bullmq');
      expect(listed.json().data.failures).toContainEqual(
        expect.objectContaining({ job: name, requestId: 'req-broken', attempts: 3 }),
      );
      for (const role of ['SUPERVISOR', 'WORKER', 'CLIENT'] as const) {
        const outsider = await createUser(t.app, { role });
        expectError(
          await t.app.inject({ method: 'GET', url: '/admin/jobs/failed', headers: outsider.headers }),
          403,
          'FORBIDDEN',
        );
      }
      expectError(await t.app.inject({ method: 'GET', url: '/admin/jobs/failed' }), 401, 'UNAUTHORIZED');
    } finally {
      t.app.deps.jobRunner = null;
    }
  });

  it('an enqueued job carries the request id of what caused it into the handler', async () => {
    const prefix = uniquePrefix('context');
    prefixes.push(prefix);
    const seen: string[] = [];
    const job: Job = {
      name: 'probe',
      intervalMs: 3_600_000,
      run: async () => seen.push(currentContext().requestId),
    };
    const runner = await start([job], prefix);
    await runWithContext({ requestId: 'req-caused-it', ip: null, userAgent: null, actor: null }, () =>
      runner.enqueue('probe', { delayMs: 100 }),
    );
    await waitUntil(() => seen.includes('req-caused-it'), 10_000, 'the enqueued run');
    // Scheduled runs get an id of their own, never another request's.
    expect(seen.filter((id) => id !== 'req-caused-it').every((id) => id.startsWith('job:probe:'))).toBe(true);
  });

  it('warns loudly when Redis could evict queued jobs', async () => {
    const logged: string[] = [];
    const log = {
      error: (...args: unknown[]) => {
        logged.push(String(args[1]));
      },
      warn: () => undefined,
    };
    const redisWith = (policy: string) => ({ config: async () => ['maxmemory-policy', policy] }) as never;
    expect(await checkEvictionPolicy(redisWith('noeviction'), log)).toBe('noeviction');
    expect(logged).toEqual([]);
    expect(await checkEvictionPolicy(redisWith('allkeys-lru'), log)).toBe('allkeys-lru');
    expect(logged[0]).toMatch(/maxmemory-policy is "allkeys-lru".*noeviction/);
  });
});
