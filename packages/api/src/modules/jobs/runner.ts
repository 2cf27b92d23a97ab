import type { FastifyBaseLogger } from 'fastify';
import { currentContext, runWithContext } from '../../context/request-context';
import { recordableError } from '../../infra/log-fields';
import { createJobMetrics, type JobMetrics } from './metrics';

export interface Job {
  name: string;
  intervalMs: number;
  /** A plain function: it re-reads current state and acts; safe to run again. */
  run(now: Date): Promise<unknown>;
}

/** One failed run, as the admin view lists it (no job data: it may hold PHI). */
export interface JobFailure {
  queue: string;
  job: string;
  id: string | null;
  error: string;
  attempts: number;
  failedAt: string;
  requestId: string | null;
}

/** Jobs of one queue by state, for the admin's system view. */
export interface QueueCounts {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

/** What `server.ts` starts: the in-process timers here, or BullMQ queues (`queue-runner.ts`). */
export interface JobRunner {
  kind: 'in-process' | 'bullmq';
  /** Runs a job soon (after `delayMs`), carrying the current request id into the handler. */
  enqueue(name: string, options?: { delayMs?: number }): Promise<void>;
  /** The most recent failures, newest first. */
  recentFailures(limit?: number): Promise<JobFailure[]>;
  /**
   * Runs a failed job again: true when it is queued again, false when that queue holds no failed
   * job with that id (unknown, already retried, or removed).
   */
  retry(queue: string, id: string): Promise<boolean>;
  /** Jobs per queue by state (in-process: runs since start, failures kept). */
  counts(): Promise<QueueCounts[]>;
  /** Stops scheduling new runs. */
  stop(): void;
  /** Waits for runs in progress to finish (graceful shutdown), then releases connections. */
  drain(timeoutMs?: number): Promise<void>;
}

/** The context a job runs in: the request that caused it, or a fresh id per scheduled run. */
export function jobContext(name: string, requestId?: string | null) {
  return { requestId: requestId ?? `job:${name}:${Date.now()}`, ip: null, userAgent: null, actor: null };
}

const KEPT_FAILURES = 100;
export const IN_PROCESS_QUEUE = 'in-process';

const failureMessage = (error: unknown) => {
  const recordable = recordableError(error);
  return recordable instanceof Error ? recordable.message : String(recordable);
};

/**
 * Runs jobs on in-process timers, one run of a job at a time: the embedded mode without Redis,
 * a single replica by definition. A failed run is logged and counted, and the next tick retries.
 */
export function startJobRunner(jobs: Job[], log: FastifyBaseLogger, options: { metrics?: JobMetrics } = {}): JobRunner {
  const metrics = options.metrics ?? createJobMetrics();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<string>();
  const failures: JobFailure[] = [];
  const tally = { waiting: 0, completed: 0 };
  let stopped = false;
  let failureCount = 0;

  async function execute(job: Job, requestId?: string) {
    running.add(job.name);
    const context = jobContext(job.name, requestId);
    try {
      const result = await metrics.measure(job.name, () => runWithContext(context, () => job.run(new Date())));
      log.debug({ job: job.name, requestId: context.requestId, result }, 'job ran');
      tally.completed += 1;
    } catch (error) {
      log.error({ err: error, job: job.name, requestId: context.requestId }, 'job failed');
      failureCount += 1;
      failures.unshift({
        queue: IN_PROCESS_QUEUE,
        job: job.name,
        id: String(failureCount),
        error: failureMessage(error),
        attempts: 1,
        failedAt: new Date().toISOString(),
        requestId: context.requestId,
      });
      failures.length = Math.min(failures.length, KEPT_FAILURES);
    } finally {
      running.delete(job.name);
    }
  }

  for (const job of jobs) {
    const timer = setInterval(() => {
      if (!running.has(job.name)) void execute(job);
    }, job.intervalMs);
    timer.unref();
    timers.add(timer);
  }

  function later(job: Job, delayMs: number, requestId: string | undefined) {
    tally.waiting += 1;
    const timer = setTimeout(() => {
      timers.delete(timer);
      tally.waiting -= 1;
      void execute(job, requestId);
    }, delayMs);
    timer.unref();
    timers.add(timer);
  }

  return {
    kind: 'in-process',
    async enqueue(name, enqueueOptions = {}) {
      const job = jobs.find((candidate) => candidate.name === name);
      if (!job) throw new Error(`unknown job "${name}"`);
      if (stopped) return;
      later(job, enqueueOptions.delayMs ?? 0, currentContext().requestId);
    },
    async retry(queue, id) {
      const index = queue === IN_PROCESS_QUEUE ? failures.findIndex((failure) => failure.id === id) : -1;
      const failure = failures[index];
      const job = jobs.find((candidate) => candidate.name === failure?.job);
      if (!failure || !job || stopped) return false;
      // The failure leaves the list (the new run is listed again if it fails too) and the run
      // carries the request id of what first caused it, as a BullMQ retry keeps its data.
      failures.splice(index, 1);
      later(job, 0, failure.requestId ?? undefined);
      return true;
    },
    async recentFailures(limit = 50) {
      return failures.slice(0, limit);
    },
    async counts() {
      const { waiting, completed } = tally;
      return [{ queue: 'in-process', waiting, active: running.size, delayed: 0, failed: failures.length, completed }];
    },
    stop() {
      stopped = true;
      for (const timer of timers) {
        clearInterval(timer);
        clearTimeout(timer);
      }
      timers.clear();
    },
    async drain(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (running.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}
