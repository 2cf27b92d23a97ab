import {
  breakGlassGrantSchema,
  envelope,
  listBreakGlassQuerySchema,
  openBreakGlassBodySchema,
} from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { BreakGlassService } from './service';

/** Emergency access to a record outside the supervisor's team: time-limited, flagged, audited. */
export const breakGlassRoutes: FastifyPluginAsyncZod<{ breakGlass: BreakGlassService }> = async (
  app,
  { breakGlass },
) => {
  app.addHook('onRequest', app.requireAuth);

  app.post(
    '',
    {
      schema: {
        tags: ['break-glass'],
        summary: `Open one client's or worker's record outside your team for a limited time (supervisors)`,
        body: openBreakGlassBodySchema,
        response: { 201: envelope(breakGlassGrantSchema) },
      },
    },
    async (request, reply) => {
      const grant = await breakGlass.open(actorOf(request), request.body);
      reply.status(201);
      return { success: true as const, data: grant };
    },
  );

  app.get(
    '',
    {
      schema: {
        tags: ['break-glass'],
        summary: 'Break-glass grants: all for admins, your own for supervisors; `active=true` for those open now',
        querystring: listBreakGlassQuerySchema,
        response: { 200: envelope(z.array(breakGlassGrantSchema)) },
      },
    },
    async (request) => ({ success: true as const, data: await breakGlass.list(actorOf(request), request.query) }),
  );

  app.post(
    '/:id/close',
    {
      schema: {
        tags: ['break-glass'],
        summary: 'End a break-glass grant early',
        params: z.object({ id: z.uuid() }),
        response: { 200: envelope(breakGlassGrantSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await breakGlass.close(actorOf(request), request.params.id) }),
  );
};
