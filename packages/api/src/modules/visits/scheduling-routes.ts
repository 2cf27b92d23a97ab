import {
  availableWorkersQuerySchema,
  availableWorkerViewSchema,
  cancelOccurrenceBodySchema,
  createSeriesBodySchema,
  editOccurrenceBodySchema,
  envelope,
  occurrencesChangedViewSchema,
  visitSeriesViewSchema,
} from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { VisitsService } from './service';

const occurrenceParams = z.object({ id: z.uuid(), visitId: z.uuid() });

/** Recurring series and assignment help; registered by `visitsRoutes`, behind its sign-in guard. */
export const schedulingRoutes: FastifyPluginAsyncZod<{ visits: VisitsService }> = async (app, { visits }) => {
  app.post(
    '/visit-series',
    {
      schema: {
        tags: ['visits'],
        summary: 'Book a recurring series: all its visits or, when any occurrence clashes, none (409 lists each)',
        body: createSeriesBodySchema,
        response: { 201: envelope(visitSeriesViewSchema) },
      },
    },
    async (request, reply) => {
      const data = await visits.createSeries(actorOf(request), request.body);
      reply.status(201);
      return { success: true as const, data };
    },
  );

  app.put(
    '/visit-series/:id/occurrences/:visitId',
    {
      schema: {
        tags: ['visits'],
        summary: 'Change one occurrence, or it and every later scheduled one (times in the series’ time zone)',
        params: occurrenceParams,
        body: editOccurrenceBodySchema,
        response: { 200: envelope(occurrencesChangedViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await visits.editOccurrences(actorOf(request), request.params.id, request.params.visitId, request.body),
    }),
  );

  app.post(
    '/visit-series/:id/occurrences/:visitId/cancel',
    {
      schema: {
        tags: ['visits'],
        summary: 'Cancel one occurrence, or it and every later scheduled one, with a reason',
        params: occurrenceParams,
        body: cancelOccurrenceBodySchema,
        response: { 200: envelope(occurrencesChangedViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await visits.cancelOccurrences(actorOf(request), request.params.id, request.params.visitId, request.body),
    }),
  );

  app.get(
    '/workers/available',
    {
      schema: {
        tags: ['visits'],
        summary: "Active workers free for [from, to) with the client's required skills and availability, nearest first",
        querystring: availableWorkersQuerySchema,
        response: { 200: envelope(z.array(availableWorkerViewSchema)) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await visits.availableWorkers(actorOf(request), request.query),
    }),
  );
};
