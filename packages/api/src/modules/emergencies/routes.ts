import {
  acknowledgeEmergencyBodySchema,
  emergencySummarySchema,
  emergencyViewSchema,
  envelope,
  listEmergenciesQuerySchema,
  pagedEnvelope,
  raiseEmergencyBodySchema,
  resolveEmergencyBodySchema,
} from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { EmergenciesService } from './service';

const idParams = z.object({ id: z.uuid() });
const tags = ['emergencies'];

/** Emergency alerts; the service decides per alert who may see and answer it. */
export const emergenciesRoutes: FastifyPluginAsyncZod<{ service: EmergenciesService }> = async (app, { service }) => {
  app.addHook('onRequest', app.requireAuth);

  app.post(
    '',
    {
      schema: {
        tags,
        summary: 'Raise an emergency: a worker from their visit (`visitId`), a client for themself',
        description:
          'A press for the same client and visit while an alert raised in the last EMERGENCY_REPEAT_WINDOW_MINUTES ' +
          'is unresolved joins that alert’s timeline (200) instead of raising another (201).',
        body: raiseEmergencyBodySchema,
        response: { 200: envelope(emergencyViewSchema), 201: envelope(emergencyViewSchema) },
      },
    },
    async (request, reply) => {
      const { alert, created } = await service.raise(actorOf(request), request.body);
      reply.status(created ? 201 : 200);
      return { success: true as const, data: alert };
    },
  );

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Emergency alerts the caller may see: open first, then acknowledged, then resolved',
        querystring: listEmergenciesQuerySchema,
        response: { 200: pagedEnvelope(emergencySummarySchema) },
      },
    },
    async (request) => ({ success: true as const, ...(await service.list(actorOf(request), request.query)) }),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One emergency alert with its timeline',
        params: idParams,
        response: { 200: envelope(emergencyViewSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await service.get(actorOf(request), request.params.id) }),
  );

  app.post(
    '/:id/ack',
    {
      schema: {
        tags,
        summary: 'Acknowledge an open alert (supervisor or admin); stops its escalation',
        params: idParams,
        body: acknowledgeEmergencyBodySchema.nullish(),
        response: { 200: envelope(emergencyViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await service.acknowledge(actorOf(request), request.params.id, request.body?.note),
    }),
  );

  app.post(
    '/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve an alert with a note (supervisor or admin)',
        params: idParams,
        body: resolveEmergencyBodySchema,
        response: { 200: envelope(emergencyViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await service.resolve(actorOf(request), request.params.id, request.body.note),
    }),
  );
};
