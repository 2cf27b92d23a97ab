import { envelope, portalCareTeamSchema, portalHomeSchema } from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { PortalService } from './service';

/** No query parameters: an unknown one is refused (400) rather than silently ignored. */
const noQuery = z.strictObject({});

/** The client portal's screens in one request each: the caller's own records only, clients only (others 403). */
export const portalRoutes: FastifyPluginAsyncZod<{ service: PortalService }> = async (app, { service }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '/portal/home',
    {
      schema: {
        tags: ['portal'],
        summary:
          "The client's next visit and who is coming, budget left this period, unread messages, care plan review date, how to reach the office",
        description:
          'Clients only (others 403). Fetch again on the visits channel events (visit.updated, visit.checked_in, visit.checked_out) and message.new.',
        querystring: noQuery,
        response: { 200: envelope(portalHomeSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await service.home(actorOf(request)) }),
  );

  app.get(
    '/portal/care-team',
    {
      schema: {
        tags: ['portal'],
        summary: "The client's care workers (primary and backup), their supervisor and the agency's phone",
        description: 'Clients only (others 403). Names only: no personal contact details of staff.',
        querystring: noQuery,
        response: { 200: envelope(portalCareTeamSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await service.careTeam(actorOf(request)) }),
  );
};
