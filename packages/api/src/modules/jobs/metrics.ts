import { Counter, Histogram, type Registry } from 'prom-client';

export type JobMetrics = ReturnType<typeof createJobMetrics>;

/** Job failure counts and run durations, whichever runner executes them; on `/metrics` when a registry is given. */
export function createJobMetrics(registry?: Registry | null) {
  const failures = new Counter({
    name: 'caretracker_job_failures_total',
    help: 'Failed job attempts (each retry that fails counts once)',
    labelNames: ['job'] as const,
    registers: [],
  });
  const duration = new Histogram({
    name: 'caretracker_job_duration_seconds',
    help: 'Job run duration in seconds, by outcome',
    labelNames: ['job', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [],
  });
  registry?.registerMetric(failures);
  registry?.registerMetric(duration);
  return {
    /** Times one attempt of a job, counting it as a failure when it throws. */
    async measure<T>(job: string, run: () => Promise<T>): Promise<T> {
      const end = duration.startTimer({ job });
      try {
        const result = await run();
        end({ outcome: 'success' });
        return result;
      } catch (error) {
        end({ outcome: 'failure' });
        failures.inc({ job });
        throw error;
      }
    },
  };
}
