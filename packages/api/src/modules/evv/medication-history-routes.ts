import { medicationHistoryEntrySchema, medicationHistoryQuerySchema, pagedEnvelope } from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { MedicationHistory } from './medication-history';

/** A client's eMAR across visits, for the client record; registered under `/users`. */
export const medicationHistoryRoutes: FastifyPluginAsyncZod<{ history: MedicationHistory }> = async (
  app,
  { history },
) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '/:id/medication-history',
    {
      schema: {
        tags: ['evv'],
        summary: 'Every medication given, refused or not given for a client across visits, newest first',
        description: 'Admins: any client; supervisors: their team’s. Others 403; a client outside the team 404.',
        params: z.object({ id: z.uuid() }),
        querystring: medicationHistoryQuerySchema,
        response: { 200: pagedEnvelope(medicationHistoryEntrySchema) },
      },
    },
    async (request) => ({
      success: true as const,
      ...(await history.list(actorOf(request), request.params.id, request.query)),
    }),
  );
};
