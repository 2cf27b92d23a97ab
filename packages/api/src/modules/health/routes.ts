import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { healthSchema, runHealthChecks } from './checks';

/** `/health` in the seed's shape (503 when a check fails, 200 `degraded` when only Redis does), plus liveness and readiness probes. */
export const healthRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
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
      const result = await runHealthChecks(deps);
      return reply.status(result.status === 'unhealthy' ? 503 : 200).send(result);
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
      const result = await runHealthChecks(deps);
      const ready = result.checks.database.status === 'healthy' && result.checks.redis.status === 'healthy';
      return reply.status(ready ? 200 : 503).send(result);
    },
  );
};
