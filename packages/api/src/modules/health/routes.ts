import { statfs } from 'node:fs/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';

const check = z
  .object({ status: z.enum(['healthy', 'unhealthy']), message: z.string().optional() })
  .catchall(z.unknown());
const healthSchema = z.object({
  status: z.enum(['healthy', 'unhealthy']),
  timestamp: z.string(),
  checks: z.object({
    database: check,
    redis: check,
    memory: check,
    disk: check,
    uptime: check,
  }),
});
type Check = z.infer<typeof check>;

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

/** `/health` in the seed's shape (503 when any check fails), plus liveness and readiness probes. */
export const healthRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  async function runChecks() {
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
    const healthy = Object.values(checks).every((item) => item.status === 'healthy');
    return {
      status: healthy ? ('healthy' as const) : ('unhealthy' as const),
      timestamp: new Date().toISOString(),
      checks,
    };
  }

  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Health of the API and what it depends on',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      const result = await runChecks();
      return reply.status(result.status === 'healthy' ? 200 : 503).send(result);
    },
  );
  app.get(
    '/health/live',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/health/ready',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Readiness: database (and Redis when configured) reachable',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      const result = await runChecks();
      const ready = result.checks.database.status === 'healthy' && result.checks.redis.status === 'healthy';
      return reply.status(ready ? 200 : 503).send(result);
    },
  );
};
