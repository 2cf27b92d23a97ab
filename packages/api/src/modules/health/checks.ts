import { statfs } from 'node:fs/promises';
import { z } from 'zod';
import type { AppDeps } from '../../app';

export const checkSchema = z
  .object({ status: z.enum(['healthy', 'unhealthy']), message: z.string().optional() })
  .catchall(z.unknown());
export const healthSchema = z.object({
  /** degraded: only Redis is down; the API still serves (rate limits, jobs and live updates fall back). */
  status: z.enum(['healthy', 'degraded', 'unhealthy']),
  timestamp: z.string(),
  checks: z.object({
    database: checkSchema,
    redis: checkSchema,
    memory: checkSchema,
    disk: checkSchema,
    uptime: checkSchema,
  }),
});
export type Check = z.infer<typeof checkSchema>;

const MEMORY_LIMIT_BYTES = 1.5 * 1024 ** 3;
const DISK_MIN_FREE_RATIO = 0.05;

async function timed(fn: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2 s')), 2000)),
    ]);
    return { status: 'healthy', responseTimeMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'unhealthy', message: error instanceof Error ? error.message : 'failed' };
  }
}

/** The checks `/health` answers and the admin's system view shows. */
export async function runHealthChecks(deps: Pick<AppDeps, 'database' | 'redis'>) {
  const memory = process.memoryUsage();
  const [database, redis, disk] = await Promise.all([
    timed(() => deps.database.ping()),
    deps.redis ? timed(() => deps.redis!.ping()) : Promise.resolve<Check>({ status: 'healthy', mode: 'in-process' }),
    statfs(process.cwd()).then(
      (stats): Check => {
        const freeRatio = stats.bavail / stats.blocks;
        return {
          status: freeRatio >= DISK_MIN_FREE_RATIO ? 'healthy' : 'unhealthy',
          freePercent: Math.round(freeRatio * 1000) / 10,
        };
      },
      (): Check => ({ status: 'unhealthy', message: 'disk usage unavailable' }),
    ),
  ]);
  const checks = {
    database: { ...database, engine: deps.database.kind },
    redis,
    memory: {
      status: memory.rss < MEMORY_LIMIT_BYTES ? 'healthy' : 'unhealthy',
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
    } as Check,
    disk,
    uptime: { status: 'healthy', seconds: Math.round(process.uptime()) } as Check,
  };
  const failing = Object.entries(checks).filter(([, item]) => item.status !== 'healthy');
  const status =
    failing.length === 0
      ? ('healthy' as const)
      : failing.every(([name]) => name === 'redis')
        ? ('degraded' as const)
        : ('unhealthy' as const);
  return {
    status,
    timestamp: new Date().toISOString(),
    checks,
  };
}
