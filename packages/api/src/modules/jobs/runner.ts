import type { FastifyBaseLogger } from 'fastify';
import { runWithContext } from '../../context/request-context';

export interface Job {
  name: string;
  intervalMs: number;
  /** A plain function: it re-reads current state and acts; safe to run again. */
  run(now: Date): Promise<unknown>;
}

/**
 * Runs jobs on in-process timers, one run of a job at a time. A later change moves these same
 * handlers onto BullMQ queues when Redis is configured.
 */
export type JobRunner = ReturnType<typeof startJobRunner>;

export function startJobRunner(jobs: Job[], log: FastifyBaseLogger) {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<string>();
  for (const job of jobs) {
    const tick = async () => {
      if (running.has(job.name)) return;
      running.add(job.name);
      try {
        const result = await runWithContext(
          { requestId: `job:${job.name}:${Date.now()}`, ip: null, userAgent: null, actor: null },
          () => job.run(new Date()),
        );
        log.debug({ job: job.name, result }, 'job ran');
      } catch (error) {
        log.error({ err: error, job: job.name }, 'job failed');
      } finally {
        running.delete(job.name);
      }
    };
    const timer = setInterval(tick, job.intervalMs);
    timer.unref();
    timers.push(timer);
  }
  return {
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
    /** Waits for runs in progress to finish (graceful shutdown). */
    async drain(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (running.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}
