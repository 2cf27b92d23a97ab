import { type Job as BullJob, Queue, Worker } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { currentContext, runWithContext } from '../../context/request-context';
import { mailErrorFields, recordableError } from '../../infra/log-fields';
import type { EmailJobData, Mailer } from '../../infra/mailer';
import { createJobMetrics, type JobMetrics } from './metrics';
import { type Job, type JobFailure, type JobRunner, jobContext, type QueueCounts } from './runner';

export interface QueueRunnerOptions {
  redisUrl: string;
  log: FastifyBaseLogger;
  metrics?: JobMetrics;
  /** Queued email delivery: `mailer.send` enqueues, a worker here delivers with retries. */
  mailer?: Mailer;
  /** Redis key prefix: the installation's (`redisKeyPrefix` + `:bull`); tests use their own. */
  prefix: string;
  /** Tries per job run, and per email (the first counts). */
  attempts?: number;
  emailAttempts?: number;
  /** First retry delay; each later one doubles. */
  backoffMs?: number;
  concurrency?: number;
  /** How often each process checks that nothing queued was lost (Redis restarted without its data). */
  maintenanceMs?: number;
  /** A PENDING email this old with no attempt holding it is queued again. */
  orphanAfterMs?: number;
}

/** The BullMQ runner, with its repair step exposed (tests call it instead of waiting for its timer). */
export interface QueueRunner extends JobRunner {
  /**
   * Restores job schedulers missing from Redis and queues again the emails whose job is gone.
   * Returns what it did.
   */
  maintain(): Promise<{ schedulersRestored: number; emailsRequeued: number }>;
}

interface JobData {
  requestId?: string;
}

export const JOBS_QUEUE = 'jobs';
export const EMAIL_QUEUE = 'email';
const EMAIL_JOB = 'deliver-email';

/**
 * BullMQ needs `maxmemory-policy noeviction`: under any other policy Redis may silently drop
 * queued jobs when memory runs short. Answers the policy found (null when it cannot be read).
 */
export async function checkEvictionPolicy(
  redis: Pick<Redis, 'config'>,
  log: Pick<FastifyBaseLogger, 'error' | 'warn'>,
): Promise<string | null> {
  let policy: string | null = null;
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as unknown as string[];
    policy = reply[1] ?? null;
  } catch (error) {
    log.warn(
      { err: error },
      'could not read Redis maxmemory-policy (CONFIG may be disabled); make sure it is noeviction',
    );
    return null;
  }
  if (policy !== 'noeviction') {
    log.error(
      { maxmemoryPolicy: policy },
      `REDIS MISCONFIGURED: maxmemory-policy is "${policy}", BullMQ needs "noeviction" or queued jobs and emails can be lost. Set "maxmemory-policy noeviction" in redis.conf.`,
    );
  }
  return policy;
}

/** The most recent failed runs of a queue, newest first, without their data (it may hold PHI). */
export async function failedJobs(queue: Queue, limit = 50): Promise<JobFailure[]> {
  const failed = (await queue.getFailed(0, Math.max(0, limit - 1))) as BullJob[];
  return failed.filter(Boolean).map((job) => ({
    queue: queue.name,
    job: job.name === EMAIL_JOB ? 'email' : job.name,
    id: job.id ?? null,
    error: job.failedReason ?? 'unknown',
    attempts: job.attemptsMade,
    failedAt: new Date(job.finishedOn ?? job.timestamp).toISOString(),
    requestId: (job.data as JobData | undefined)?.requestId ?? null,
  }));
}

/**
 * Moves a failed job of the queue back to waiting (BullMQ's `retry`: its attempts start again).
 * False when the queue holds no job by that id, or the job is not failed (already retried).
 */
export async function retryFailedJob(queue: Queue, id: string): Promise<boolean> {
  const job = (await queue.getJob(id)) as BullJob | undefined;
  if (!job || !(await job.isFailed())) return false;
  try {
    await job.retry('failed');
  } catch (error) {
    // Retried by someone else between the check and the move: not failed any more.
    if (!(await job.isFailed())) return false;
    throw error;
  }
  return true;
}

/** A queue's jobs by state, straight from Redis. */
export async function queueCounts(queue: Queue, name: string): Promise<QueueCounts> {
  const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed');
  return {
    queue: name,
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    failed: counts.failed ?? 0,
    completed: counts.completed ?? 0,
  };
}

/**
 * Runs the same `Job` handlers on BullMQ: one scheduler per job at its interval (Redis hands each
 * run to exactly one worker, however many replicas run this), retries with exponential backoff,
 * failures logged and counted, and queued email delivery when a mailer is given.
 */
export async function startQueueRunner(jobs: Job[], options: QueueRunnerOptions): Promise<QueueRunner> {
  const { log } = options;
  const metrics = options.metrics ?? createJobMetrics();
  const { prefix } = options;
  const attempts = options.attempts ?? 3;
  const backoff = { type: 'exponential', delay: options.backoffMs ?? 30_000 };
  // Workers block on Redis, so BullMQ wants connections that wait instead of failing fast.
  const connect = () => {
    const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    let lastLogged = 0;
    redis.on('error', (error: Error) => {
      if (Date.now() - lastLogged < 10_000) return;
      lastLogged = Date.now();
      log.warn({ err: { message: error.message } }, 'job queue Redis connection error');
    });
    return redis;
  };
  const queueConnection = connect();
  const workerConnection = connect();
  await checkEvictionPolicy(queueConnection, log);

  const byName = new Map(jobs.map((job) => [job.name, job]));
  const jobOptions = { attempts, backoff, removeOnComplete: 100, removeOnFail: 500 };
  const queue = new Queue<JobData>(JOBS_QUEUE, { connection: queueConnection, prefix });
  const schedule = (job: Job) =>
    queue.upsertJobScheduler(job.name, { every: job.intervalMs }, { name: job.name, data: {}, opts: jobOptions });
  for (const job of jobs) await schedule(job);
  // A job no longer in the code must not keep firing (and failing) on every interval.
  for (const scheduler of await queue.getJobSchedulers()) {
    if (scheduler.key && !byName.has(scheduler.key)) await queue.removeJobScheduler(scheduler.key);
  }

  const concurrency = options.concurrency ?? 2;
  const worker = new Worker<JobData>(
    JOBS_QUEUE,
    async (bullJob) => {
      const job = byName.get(bullJob.name);
      if (!job) throw new Error(`unknown job "${bullJob.name}"`);
      const context = jobContext(job.name, bullJob.data.requestId ?? `job:${job.name}:${bullJob.id}`);
      try {
        return await metrics.measure(job.name, () => runWithContext(context, () => job.run(new Date())));
      } catch (error) {
        // BullMQ keeps the message and stack in Redis and lists them to admins.
        throw recordableError(error);
      }
    },
    { connection: workerConnection, prefix, concurrency },
  );
  worker.on('failed', (bullJob, error) => {
    if (!bullJob) return;
    const final = bullJob.attemptsMade >= (bullJob.opts.attempts ?? 1);
    log[final ? 'error' : 'warn'](
      {
        err: error,
        job: bullJob.name,
        id: bullJob.id,
        attempt: bullJob.attemptsMade,
        requestId: bullJob.data.requestId,
      },
      final ? 'job failed; no retries left' : 'job failed; will retry',
    );
  });
  worker.on('error', (error) => log.error({ err: error }, 'job worker error'));

  const emailQueue = options.mailer ? await startEmailDelivery(options.mailer) : null;

  async function startEmailDelivery(mailer: Mailer) {
    const emailAttempts = options.emailAttempts ?? 5;
    const emails = new Queue<EmailJobData>(EMAIL_QUEUE, { connection: queueConnection, prefix });
    const emailWorker = new Worker<EmailJobData>(
      EMAIL_QUEUE,
      async (bullJob) => {
        const number = bullJob.attemptsMade + 1;
        const final = number >= emailAttempts;
        await runWithContext(jobContext('email', bullJob.data.requestId), () =>
          metrics.measure('email', async () => {
            try {
              await mailer.deliverQueued(bullJob.data, { number, final });
            } catch (error) {
              // Given up: the body leaves Redis too; the outbox row keeps the error.
              if (final && bullJob.data.text)
                await bullJob.updateData({ ...bullJob.data, text: '' }).catch(() => undefined);
              throw recordableError(error);
            }
          }),
        );
      },
      { connection: workerConnection, prefix, concurrency: 4 },
    );
    emailWorker.on('failed', (bullJob, error) => {
      if (!bullJob) return;
      const final = bullJob.attemptsMade >= emailAttempts;
      log[final ? 'error' : 'warn'](
        { err: mailErrorFields(error), outboxId: bullJob.data.outboxId, attempt: bullJob.attemptsMade },
        final ? 'email delivery failed; no retries left' : 'email delivery failed; will retry',
      );
    });
    emailWorker.on('error', (error) => log.error({ err: error }, 'email worker error'));
    const enqueue = async (data: EmailJobData) => {
      await emails.add(EMAIL_JOB, data, {
        // One job per outbox row: queueing a row again while its job is still there adds nothing.
        jobId: data.outboxId,
        attempts: emailAttempts,
        backoff,
        // Delivered mail leaves Redis at once: the job holds the body.
        removeOnComplete: true,
        removeOnFail: 500,
      });
    };
    mailer.useQueue(enqueue);
    return { queue: emails, worker: emailWorker, mailer, enqueue };
  }

  /**
   * Redis restarted without its data (no persistence, a failover, a flush) forgets the schedulers
   * and every queued job: the schedulers are put back, and each email still PENDING in the outbox
   * (its body is kept there) is queued again. Every replica does this; the job ids and the
   * outbox's claim keep each email to one delivery.
   */
  async function maintain() {
    let schedulersRestored = 0;
    const present = new Set((await queue.getJobSchedulers()).map((scheduler) => scheduler.key));
    for (const job of jobs) {
      if (present.has(job.name)) continue;
      await schedule(job);
      schedulersRestored += 1;
    }
    let emailsRequeued = 0;
    if (emailQueue) {
      for (const data of await emailQueue.mailer.orphans(options.orphanAfterMs ?? 30_000)) {
        const existing = await emailQueue.queue.getJob(data.outboxId);
        if (existing) continue;
        await emailQueue.enqueue(data);
        emailsRequeued += 1;
      }
    }
    if (schedulersRestored + emailsRequeued > 0)
      log.warn({ schedulersRestored, emailsRequeued }, 'queued work missing from Redis was restored');
    return { schedulersRestored, emailsRequeued };
  }
  let maintaining = false;
  const maintenance = setInterval(() => {
    if (maintaining) return;
    maintaining = true;
    maintain()
      .catch((error: Error) => log.warn({ err: { message: error.message } }, 'job queue check failed'))
      .finally(() => {
        maintaining = false;
      });
  }, options.maintenanceMs ?? 15_000);
  maintenance.unref();

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      clearInterval(maintenance);
      emailQueue?.mailer.useQueue(null);
      await Promise.allSettled([worker.close(), emailQueue?.worker.close()]);
      await Promise.allSettled([queue.close(), emailQueue?.queue.close()]);
      await Promise.allSettled([queueConnection.quit(), workerConnection.quit()]);
    })();
    return closing;
  };

  return {
    kind: 'bullmq',
    maintain,
    async enqueue(name, enqueueOptions = {}) {
      if (!byName.has(name)) throw new Error(`unknown job "${name}"`);
      await queue.add(
        name,
        { requestId: currentContext().requestId },
        { ...jobOptions, delay: enqueueOptions.delayMs },
      );
    },
    async recentFailures(limit = 50) {
      const lists = await Promise.all([
        failedJobs(queue, limit),
        emailQueue ? failedJobs(emailQueue.queue, limit) : [],
      ]);
      return lists
        .flat()
        .sort((a, b) => b.failedAt.localeCompare(a.failedAt))
        .slice(0, limit);
    },
    async retry(queueName, id) {
      if (queueName === JOBS_QUEUE) return retryFailedJob(queue, id);
      if (queueName !== EMAIL_QUEUE || !emailQueue) return false;
      // The row first: a job run again while its row is still FAILED would find nothing to send.
      if (!(await emailQueue.mailer.requeueFailed(id))) return false;
      try {
        // Not failed in the queue any more (gone from Redis): the row, PENDING, is queued again
        // by maintain() as an orphan, so the email is still sent.
        await retryFailedJob(emailQueue.queue, id);
      } catch (error) {
        await emailQueue.mailer.markFailedAgain(id);
        throw error;
      }
      return true;
    },
    async counts() {
      return Promise.all([
        queueCounts(queue, JOBS_QUEUE),
        ...(emailQueue ? [queueCounts(emailQueue.queue, EMAIL_QUEUE)] : []),
      ]);
    },
    stop() {
      clearInterval(maintenance);
      void close();
    },
    async drain(timeoutMs = 10_000) {
      await Promise.race([close(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    },
  };
}
