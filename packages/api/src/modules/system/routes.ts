import { envelope, systemViewSchema } from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app';
import { ForbiddenError } from '../../errors/app-errors';
import { actorOf } from '../../plugins/request-context';
import { systemView } from './service';

/** `GET /admin/system`: admins only (403, logged, for anyone else). */
export const systemRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '/system',
    {
      schema: {
        tags: ['admin'],
        summary:
          'System health for admins: API, database, Redis, disk, job queues (waiting, failed…), latest failures, version',
        response: { 200: envelope(systemViewSchema) },
      },
    },
    async (request) => {
      if (actorOf(request).role !== 'ADMIN') {
        await deps.audit.recordDenied('system', null, 'only admins see the system view');
        throw new ForbiddenError('The system view is for admins');
      }
      return { success: true as const, data: await systemView(deps) };
    },
  );
};
