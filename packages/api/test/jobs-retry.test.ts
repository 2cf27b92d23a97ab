import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentContext, runWithContext } from '../src/context/request-context';
import { type QueueRunner, startQueueRunner } from '../src/modules/jobs/queue-runner';
import { type Job, type JobRunner, startJobRunner } from '../src/modules/jobs/runner';
import { redisUrl, startApp, type TestApp } from './helpers/app';
import { createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { dropPrefix, uniquePrefix, waitUntil } from './helpers/queues';

const hasRedis = Boolean(redisUrl());

/**
 * A job whose first run for `requestId` fails and every later one succeeds, counting those runs
 * (the scheduler's own runs, at start, are left alone).
 */
function failsOnce(name: string, requestId = `req-${name}`) {
  const state = { runs: 0, requestId };
  const job: Job = {
    name,
    intervalMs: 3_600_000,
    run: async () => {
      if (currentContext().requestId !== requestId) return 'scheduled run';
      state.runs += 1;
      if (state.runs === 1) throw new Error('upstream down');
      return 'ok';
    },
  };
  return { job, state };
}

const enqueueAs = (runner: JobRunner, job: Job, requestId: string) =>
  runWithContext({ requestId, ip: null, userAgent: null, actor: null }, () => runner.enqueue(job.name));

async function failureOf(runner: JobRunner, requestId: string) {
  await waitUntil(async () => (await runner.recentFailures()).some((f) => f.requestId === requestId));
  return (await runner.recentFailures()).find((f) => f.requestId === requestId)!;
}

describe('POST /admin/jobs/:queue/:id/retry', () => {
  let t: TestApp;
  let admin: TestUser;
  const prefixes: string[] = [];
  const runners: JobRunner[] = [];
  beforeAll(async () => {
    t = await startApp({ redis: hasRedis });
    admin = await createUser(t.app, { role: 'ADMIN' });
  });
  afterAll(async () => {
    t.app.deps.jobRunner = null;
    for (const runner of runners) await runner.drain();
    for (const prefix of prefixes) await dropPrefix(prefix);
    await t.close();
  });

  const retry = (queue: string, id: string, headers: Record<string, string> = admin.headers) =>
    t.app.inject({ method: 'POST', url: `/admin/jobs/${queue}/${encodeURIComponent(id)}/retry`, headers });
  const retriedRows = (entityId: string) =>
    t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'JOB_RETRIED'), eq(schema.auditLog.entityId, entityId)));

  async function queueRunner(jobs: Job[]): Promise<QueueRunner> {
    const prefix = uniquePrefix('retry-api');
    prefixes.push(prefix);
    const runner = await startQueueRunner(jobs, { redisUrl: redisUrl()!, log: t.app.log, prefix, attempts: 1 });
    runners.push(runner);
    t.app.deps.jobRunner = runner;
    return runner;
  }

  it.runIf(hasRedis)('BullMQ: an admin re-queues a failed job, it runs again and the retry is audited', async () => {
    const { job, state } = failsOnce(`retry-${uniquePrefix('x').slice(-8)}`);
    const runner = await queueRunner([job]);
    await enqueueAs(runner, job, state.requestId);
    const failure = await failureOf(runner, state.requestId);
    expect(failure).toMatchObject({ queue: 'jobs', job: job.name, error: 'upstream down' });
    expect(state.runs).toBe(1);

    const response = await retry('jobs', failure.id!);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ success: true, data: { queue: 'jobs', id: failure.id, retried: true } });
    await waitUntil(() => state.runs === 2, 10_000, 'the second run');
    await waitUntil(async () => !(await runner.recentFailures()).some((f) => f.id === failure.id));
    const [row] = await retriedRows(`jobs:${failure.id}`);
    expect(row).toMatchObject({ actorId: admin.id, outcome: 'SUCCESS', entityType: 'job' });

    // It is not failed any more: a second retry finds nothing to run again.
    expectError(await retry('jobs', failure.id!), 404, 'NOT_FOUND');
  });

  it.runIf(hasRedis)(
    'BullMQ: supervisors, workers and clients are refused (403, logged); the job stays failed',
    async () => {
      const { job, state } = failsOnce(`outsider-${uniquePrefix('x').slice(-8)}`);
      const runner = await queueRunner([job]);
      await enqueueAs(runner, job, state.requestId);
      const failure = await failureOf(runner, state.requestId);
      const retriedBefore = (await retriedRows(`jobs:${failure.id}`)).length;
      for (const role of ['SUPERVISOR', 'WORKER', 'CLIENT'] as const) {
        const outsider = await createUser(t.app, { role });
        expectError(await retry('jobs', failure.id!, outsider.headers), 403, 'FORBIDDEN');
        const denials = await t.app.deps.db
          .select()
          .from(schema.auditLog)
          .where(and(eq(schema.auditLog.actorId, outsider.id), eq(schema.auditLog.entityType, 'job')));
        expect(denials).toMatchObject([{ action: 'PERMISSION_DENIED', outcome: 'DENIED' }]);
      }
      expectError(
        await t.app.inject({ method: 'POST', url: `/admin/jobs/jobs/${failure.id}/retry` }),
        401,
        'UNAUTHORIZED',
      );
      expect((await runner.recentFailures()).map((f) => f.id)).toContain(failure.id);
      expect(state.runs).toBe(1);
      expect(await retriedRows(`jobs:${failure.id}`)).toHaveLength(retriedBefore);
    },
  );

  it.runIf(hasRedis)(
    'BullMQ: an unknown job or queue is 404 in the shared error shape, and nothing is audited',
    async () => {
      await queueRunner([failsOnce('unused').job]);
      expectError(await retry('jobs', 'no-such-job'), 404, 'NOT_FOUND');
      expectError(await retry('no-such-queue', '1'), 404, 'NOT_FOUND');
      expect(await retriedRows('jobs:no-such-job')).toHaveLength(0);
    },
  );

  it('in-process: a failed run is run again once, then is no longer listed', async () => {
    const { job, state } = failsOnce('inproc-retry');
    const runner = startJobRunner([job], t.app.log);
    runners.push(runner);
    t.app.deps.jobRunner = runner;
    await enqueueAs(runner, job, state.requestId);
    const failure = await failureOf(runner, state.requestId);
    expect(failure).toMatchObject({ queue: 'in-process', job: 'inproc-retry' });
    expect((await retry('in-process', failure.id!)).statusCode).toBe(200);
    await waitUntil(() => state.runs === 2, 10_000, 'the second run');
    expect(await runner.recentFailures()).toEqual([]);
    expectError(await retry('in-process', failure.id!), 404, 'NOT_FOUND');
    runner.stop();
  });

  it('no job runner in the process: 404', async () => {
    t.app.deps.jobRunner = null;
    expectError(await retry('jobs', '1'), 404, 'NOT_FOUND');
  });
});
