import type { SystemView } from '@caretracker/shared';
import packageJson from '../../../package.json' with { type: 'json' };
import type { AppDeps } from '../../app';
import { runHealthChecks } from '../health/checks';

const startedAt = new Date(Date.now() - Math.round(process.uptime() * 1000));

/** The admin's system view: health of the API, database, Redis and disk, the job queues and the latest failures. */
export async function systemView(deps: AppDeps): Promise<SystemView> {
  const runner = deps.jobRunner;
  const [health, queues, failedJobs] = await Promise.all([
    runHealthChecks(deps),
    runner
      ? runner.counts().then(
          (counts) => ({ status: 'healthy' as const, runner: runner.kind, counts }),
          (error: unknown) => ({
            status: 'unhealthy' as const,
            runner: runner.kind,
            counts: [],
            message: error instanceof Error ? error.message : 'queue counts unavailable',
          }),
        )
      : Promise.resolve({
          status: 'healthy' as const,
          runner: null,
          counts: [],
          message: 'no job runner in this process',
        }),
    runner ? runner.recentFailures(20).catch(() => []) : Promise.resolve([]),
  ]);
  const memory = process.memoryUsage();
  const { checks } = health;
  return {
    status: health.status === 'healthy' && queues.status === 'healthy' ? 'healthy' : 'unhealthy',
    checkedAt: health.timestamp,
    api: {
      status: 'healthy',
      version: packageJson.version,
      environment: deps.config.NODE_ENV,
      node: process.version,
      startedAt: startedAt.toISOString(),
      uptimeSeconds: Math.round(process.uptime()),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      agencyTimeZone: deps.config.AGENCY_TIMEZONE,
    },
    database: checks.database,
    redis: checks.redis,
    disk: checks.disk,
    memory: checks.memory,
    queues,
    failedJobs,
  };
}
