import {
  cancelVisitBodySchema,
  createVisitBodySchema,
  envelope,
  listVisitsQuerySchema,
  noShowBodySchema,
  pagedEnvelope,
  rescheduleVisitBodySchema,
  reviewVisitBodySchema,
  updateVisitBodySchema,
  visitDetailViewSchema,
  visitViewSchema,
} from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LARGE_JSON_BODY_LIMIT } from '../../plugins/json-body';
import { actorOf } from '../../plugins/request-context';
import { officeVisitsRoutes } from './office-routes';
import { schedulingRoutes } from './scheduling-routes';
import type { VisitsService } from './service';

const idParams = z.object({ id: z.uuid() });
const visitAnswer = { 200: envelope(visitViewSchema) };

/**
 * Visits: every route is signed-in only; the service decides per record (outsiders 404,
 * the visible-but-not-allowed 403) and shapes each answer to what the caller may read.
 */
export const visitsRoutes: FastifyPluginAsyncZod<{ visits: VisitsService }> = async (app, { visits }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '/visits',
    {
      schema: {
        tags: ['visits'],
        summary: 'Visits the caller may see, earliest first; dateFrom/dateTo match visits overlapping the range',
        querystring: listVisitsQuerySchema,
        response: { 200: pagedEnvelope(visitViewSchema) },
      },
    },
    async (request) => ({ success: true as const, ...(await visits.list(actorOf(request), request.query)) }),
  );

  app.get(
    '/visits/:id',
    {
      schema: {
        tags: ['visits'],
        summary: 'One visit with its EVV exceptions, doses recorded and amendment history',
        params: idParams,
        response: { 200: envelope(visitDetailViewSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await visits.get(actorOf(request), request.params.id) }),
  );

  app.post(
    '/visits',
    {
      schema: {
        tags: ['visits'],
        summary:
          'Book a visit (supervisors, admins); a client requests one for themself, unassigned, and their supervisor is told',
        body: createVisitBodySchema,
        response: { 201: envelope(visitViewSchema) },
      },
    },
    async (request, reply) => {
      const data = await visits.create(actorOf(request), request.body);
      reply.status(201);
      return { success: true as const, data };
    },
  );

  app.put(
    '/visits/:id',
    {
      // Large lists (care plans) or the client's signature image (check-out, amendments).
      bodyLimit: LARGE_JSON_BODY_LIMIT,
      schema: {
        tags: ['visits'],
        summary: 'Change a visit; a completed one is amended with a reasonCode and keeps its original values',
        params: idParams,
        body: updateVisitBodySchema,
        response: visitAnswer,
      },
    },
    async (request) => ({
      success: true as const,
      data: await visits.update(actorOf(request), request.params.id, request.body),
    }),
  );

  app.delete(
    '/visits/:id',
    {
      schema: {
        tags: ['visits'],
        summary: 'Soft-delete a visit (admins only)',
        params: idParams,
        response: { 200: envelope(z.object({ message: z.string() })) },
      },
    },
    async (request) => {
      await visits.remove(actorOf(request), request.params.id);
      return { success: true as const, data: { message: 'Visit deleted' } };
    },
  );

  app.post(
    '/visits/:id/confirm',
    {
      schema: { tags: ['visits'], summary: 'SCHEDULED → CONFIRMED', params: idParams, response: visitAnswer },
    },
    async (request) => ({ success: true as const, data: await visits.confirm(actorOf(request), request.params.id) }),
  );

  app.post(
    '/visits/:id/cancel',
    {
      schema: {
        tags: ['visits'],
        summary: 'Cancel with a reason (clients: their upcoming visits)',
        params: idParams,
        body: cancelVisitBodySchema,
        response: visitAnswer,
      },
    },
    async (request) => ({
      success: true as const,
      data: await visits.cancel(actorOf(request), request.params.id, request.body.reason),
    }),
  );

  app.post(
    '/visits/:id/reschedule',
    {
      schema: {
        tags: ['visits'],
        summary: 'Mark RESCHEDULED and book the linked replacement (answered)',
        params: idParams,
        body: rescheduleVisitBodySchema,
        response: { 201: envelope(visitViewSchema) },
      },
    },
    async (request, reply) => {
      const data = await visits.reschedule(actorOf(request), request.params.id, request.body);
      reply.status(201);
      return { success: true as const, data };
    },
  );

  app.post(
    '/visits/:id/no-show',
    {
      schema: {
        tags: ['visits'],
        summary: 'Record that the visit did not happen (after its start)',
        params: idParams,
        body: noShowBodySchema.nullish(),
        response: visitAnswer,
      },
    },
    async (request) => ({
      success: true as const,
      data: await visits.noShow(actorOf(request), request.params.id, request.body?.reason),
    }),
  );

  app.post(
    '/visits/:id/review',
    {
      schema: {
        tags: ['visits'],
        summary: 'Supervisor review of a completed visit',
        params: idParams,
        body: reviewVisitBodySchema,
        response: visitAnswer,
      },
    },
    async (request) => ({
      success: true as const,
      data: await visits.review(actorOf(request), request.params.id, request.body),
    }),
  );

  await app.register(schedulingRoutes, { visits });
  await app.register(officeVisitsRoutes, { visits });
};
