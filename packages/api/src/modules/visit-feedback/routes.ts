import {
  envelope,
  rateVisitBodySchema,
  visitChangeRequestBodySchema,
  visitChangeRequestViewSchema,
  visitRatingViewSchema,
} from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { VisitFeedbackService } from './service';

const idParams = z.object({ id: z.uuid() });

/** The client's word on their own visits: a rating of a completed one, a change asked for on an upcoming one. */
export const visitFeedbackRoutes: FastifyPluginAsyncZod<{ service: VisitFeedbackService }> = async (
  app,
  { service },
) => {
  app.addHook('onRequest', app.requireAuth);

  app.put(
    '/visits/:id/rating',
    {
      schema: {
        tags: ['visits'],
        summary: "Rate a completed visit, 1–5 stars with an optional comment (the visit's client; one per visit)",
        description:
          'Gives or changes the rating; it can be changed for 7 days after it was first given (then 409). ' +
          'A visit not completed yet: 409. The office reads it in GET /visits/:id (rating).',
        params: idParams,
        body: rateVisitBodySchema,
        response: { 200: envelope(visitRatingViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await service.rate(actorOf(request), request.params.id, request.body),
    }),
  );

  app.post(
    '/visits/:id/change-request',
    {
      schema: {
        tags: ['visits'],
        summary: "Ask the office to move an upcoming visit to another time, with a note (the visit's client)",
        description:
          "The client's supervisor (or the admins when there is none) is notified; the visit itself is unchanged " +
          'until the office reschedules it. A visit that has started, ended or was cancelled: 409.',
        params: idParams,
        body: visitChangeRequestBodySchema,
        response: { 202: envelope(visitChangeRequestViewSchema) },
      },
    },
    async (request, reply) => {
      const data = await service.requestChange(actorOf(request), request.params.id, request.body);
      return reply.code(202).send({ success: true as const, data });
    },
  );
};
