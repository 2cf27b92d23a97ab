import { envelope, overviewSchema } from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../plugins/request-context';
import type { OverviewService } from './service';

/** `GET /office/overview`: the admin dashboard's first screen in one request. */
export const overviewRoutes: FastifyPluginAsyncZod<{ service: OverviewService }> = async (app, { service }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '/office/overview',
    {
      schema: {
        tags: ['office'],
        summary:
          "Today's visits by where they stand, open EVV exceptions and emergencies, doses, budgets, reviews, expenses",
        description:
          "Admins: the agency; supervisors: their team. Today is the agency's day (AGENCY_TIMEZONE). Each tile's `filter` is the list request showing its `count` rows. Fetch again on the `liveEvents` WebSocket events.",
        response: { 200: envelope(overviewSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await service.overview(actorOf(request)) }),
  );
};
