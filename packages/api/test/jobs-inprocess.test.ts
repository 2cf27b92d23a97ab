import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentContext, runWithContext } from '../src/context/request-context';
import { type Job, startJobRunner } from '../src/modules/jobs/runner';
import { startApp, type TestApp } from './helpers/app';
import { waitUntil } from './helpers/queues';

describe('in-process job runner (embedded mode, no Redis)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine: 'pglite' });
  });
  afterAll(() => t.close());

  it('runs the handlers on timers, counts failures in /metrics and lists them', async () => {
    const ticks: string[] = [];
    let failed = 0;
    const jobs: Job[] = [
      { name: 'inproc-tick', intervalMs: 100, run: async () => ticks.push(currentContext().requestId) },
      {
        name: 'inproc-broken',
        intervalMs: 100,
        run: async () => {
          failed += 1;
          throw new Error('broken in-process');
        },
      },
    ];
    const runner = startJobRunner(jobs, t.app.log, { metrics: t.app.deps.jobMetrics });
    await waitUntil(() => ticks.length >= 3 && failed >= 2, 5_000, 'three ticks and two failures');
    runner.stop();
    await runner.drain();
    expect(ticks.every((id) => id.startsWith('job:inproc-tick:'))).toBe(true);

    const failures = await runner.recentFailures();
    expect(failures[0]).toMatchObject({ job: 'inproc-broken', error: 'broken in-process' });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    const counted = /caretracker_job_failures_total\{job="inproc-broken"\} (\d+)/.exec(metrics.body);
    expect(Number(counted?.[1])).toBe(failed);
  });

  it('an enqueued run carries the request id of what caused it', async () => {
    const seen: string[] = [];
    const runner = startJobRunner(
      [{ name: 'inproc-probe', intervalMs: 3_600_000, run: async () => seen.push(currentContext().requestId) }],
      t.app.log,
    );
    await runWithContext({ requestId: 'req-embedded', ip: null, userAgent: null, actor: null }, () =>
      runner.enqueue('inproc-probe', { delayMs: 10 }),
    );
    await waitUntil(() => seen.length > 0, 5_000, 'the enqueued run');
    expect(seen).toEqual(['req-embedded']);
    runner.stop();
  });

  it('without Redis the app registers the retention and audit verification jobs for the timers', () => {
    const names = t.app.deps.jobs.map((job) => job.name);
    expect(names).toEqual(expect.arrayContaining(['retention-purge', 'audit-chain-check', 'missed-visits']));
  });
});
