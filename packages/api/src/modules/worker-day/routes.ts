import { envelope } from '@caretracker/shared';
import { visitBriefingSchema } from '@caretracker/shared/worker-day';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { WorkerDayService } from './service';

const idParams = z.object({ id: z.uuid() });

/** The care worker app's reads that would otherwise take several round trips. */
export const workerDayRoutes: FastifyPluginAsyncZod<{ service: WorkerDayService }> = async (app, { service }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '/visits/:id/briefing',
    {
      schema: {
        tags: ['visits'],
        summary: "A visit with the client's briefing, the care plan's essentials and the last visit's notes",
        description:
          'For the care worker app: one request instead of four. Each part is shaped to what the caller may read; the visit answers 404 to outsiders.',
        params: idParams,
        response: { 200: envelope(visitBriefingSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await service.briefing(actorOf(request), request.params.id) }),
  );
};
