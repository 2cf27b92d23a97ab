import { envelope } from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../errors/app-errors';
import { actorOf } from '../../plugins/request-context';
import type { AuditService } from '../audit/service';
import type { JobRunner } from './runner';

const failureSchema = z.object({
  queue: z.string(),
  job: z.string(),
  id: z.string().nullable(),
  error: z.string(),
  attempts: z.number().int(),
  failedAt: z.string(),
  requestId: z.string().nullable(),
});

/** Background job failures for the admin health view, and running one again; the runner is whatever `server.ts` started. */
export const jobsRoutes: FastifyPluginAsyncZod<{ audit: AuditService; runner: () => JobRunner | null }> = async (
  app,
  { audit, runner },
) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '/failed',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Recent failed background job runs, newest first (admins only)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: envelope(z.object({ runner: z.string().nullable(), failures: z.array(failureSchema) })) },
      },
    },
    async (request) => {
      if (actorOf(request).role !== 'ADMIN') {
        await audit.recordDenied('jobs', null, 'only admins list failed jobs');
        throw new ForbiddenError();
      }
      const current = runner();
      const failures = current ? await current.recentFailures(request.query.limit) : [];
      return { success: true as const, data: { runner: current?.kind ?? null, failures } };
    },
  );

  app.post(
    '/:queue/:id/retry',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Run a failed background job again: back to waiting with its tries reset (admins only, audited)',
        params: z.object({ queue: z.string().min(1).max(100), id: z.string().min(1).max(200) }),
        response: { 200: envelope(z.object({ queue: z.string(), id: z.string(), retried: z.literal(true) })) },
      },
    },
    async (request) => {
      const { queue, id } = request.params;
      if (actorOf(request).role !== 'ADMIN') {
        await audit.recordDenied('job', `${queue}:${id}`, 'only admins retry failed jobs');
        throw new ForbiddenError();
      }
      const current = runner();
      if (!current || !(await current.retry(queue, id))) throw new NotFoundError('Failed job');
      await audit.record({
        action: 'JOB_RETRIED',
        entityType: 'job',
        entityId: `${queue}:${id}`,
        classification: 'INTERNAL',
        metadata: { queue, id },
      });
      return { success: true as const, data: { queue, id, retried: true as const } };
    },
  );
};
