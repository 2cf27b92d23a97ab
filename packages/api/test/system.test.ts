import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { startQueueRunner } from '../src/modules/jobs/queue-runner';
import { type JobRunner, startJobRunner } from '../src/modules/jobs/runner';
import { redisUrl, startApp, type TestApp } from './helpers/app';
import { createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { dropPrefix, uniquePrefix, waitUntil } from './helpers/queues';

const hasRedis = Boolean(redisUrl());

describe('GET /admin/system', () => {
  let t: TestApp;
  let admin: TestUser;
  const prefix = uniquePrefix('system');
  const runners: JobRunner[] = [];
  beforeAll(async () => {
    t = await startApp({ redis: hasRedis });
    admin = await createUser(t.app, { role: 'ADMIN' });
  });
  afterAll(async () => {
    t.app.deps.jobRunner = null;
    for (const runner of runners) await runner.drain();
    if (hasRedis) await dropPrefix(prefix);
    await t.close();
  });

  const system = async () => {
    const response = await t.app.inject({ method: 'GET', url: '/admin/system', headers: admin.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data;
  };

  it('API, database, Redis and disk health with the version, in one request', async () => {
    const data = await system();
    expect(data.api).toMatchObject({ status: 'healthy', version: packageJson.version, environment: 'test' });
    expect(data.api.node).toBe(process.version);
    expect(data.database).toMatchObject({ status: 'healthy', engine: t.engine === 'postgres' ? 'postgres' : 'pglite' });
    expect(data.redis.status).toBe('healthy');
    if (!hasRedis) expect(data.redis.mode).toBe('in-process');
    expect(data.disk.status).toBe('healthy');
    // No job runner in a test process until one is started.
    expect(data.queues).toMatchObject({ runner: null, counts: [] });
    expect(data.failedJobs).toEqual([]);
  });

  it('in-process jobs: runs and failures kept', async () => {
    const runner = startJobRunner(
      [{ name: 'broken-in-process', intervalMs: 3_600_000, run: async () => Promise.reject(new Error('disk full')) }],
      t.app.log,
    );
    runners.push(runner);
    t.app.deps.jobRunner = runner;
    await runner.enqueue('broken-in-process');
    await waitUntil(async () => (await runner.recentFailures()).length > 0);
    const data = await system();
    expect(data.queues).toMatchObject({ status: 'healthy', runner: 'in-process' });
    expect(data.queues.counts[0]).toMatchObject({ queue: 'in-process', failed: 1 });
    expect(data.failedJobs[0]).toMatchObject({ job: 'broken-in-process', error: 'disk full' });
    runner.stop();
  });

  it.runIf(hasRedis)('BullMQ: each queue counted by state from Redis, the failed run listed', async () => {
    const runner = await startQueueRunner(
      [{ name: 'broken-queued', intervalMs: 3_600_000, run: async () => Promise.reject(new Error('upstream down')) }],
      { redisUrl: redisUrl()!, log: t.app.log, prefix, attempts: 1, mailer: t.app.deps.mailer },
    );
    runners.push(runner);
    t.app.deps.jobRunner = runner;
    await runner.enqueue('broken-queued', { delayMs: 3_600_000 });
    await waitUntil(async () => (await runner.recentFailures()).length > 0);
    const data = await system();
    expect(data.queues.runner).toBe('bullmq');
    const jobs = data.queues.counts.find((queue: { queue: string }) => queue.queue === 'jobs');
    expect(jobs.failed).toBeGreaterThanOrEqual(1);
    expect(jobs.delayed).toBeGreaterThanOrEqual(1);
    expect(data.queues.counts.map((queue: { queue: string }) => queue.queue)).toContain('email');
    expect(data.failedJobs[0]).toMatchObject({ job: 'broken-queued', error: 'upstream down' });
  });

  it('supervisors, workers and clients are refused (403, logged); no session is 401', async () => {
    for (const role of ['SUPERVISOR', 'WORKER', 'CLIENT'] as const) {
      const outsider = await createUser(t.app, { role });
      expectError(
        await t.app.inject({ method: 'GET', url: '/admin/system', headers: outsider.headers }),
        403,
        'FORBIDDEN',
      );
      const denials = await t.app.deps.db
        .select()
        .from(schema.auditLog)
        .where(and(eq(schema.auditLog.actorId, outsider.id), eq(schema.auditLog.entityType, 'system')));
      expect(denials).toHaveLength(1);
    }
    expectError(await t.app.inject({ method: 'GET', url: '/admin/system' }), 401, 'UNAUTHORIZED');
  });
});
