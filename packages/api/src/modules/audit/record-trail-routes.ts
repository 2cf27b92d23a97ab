import { auditTrailQuerySchema, auditTrailSchema, envelope } from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { RecordTrail } from './record-trail';

/** One person's audit trail, for the client (or worker) record screen; registered under `/users`. */
export const recordTrailRoutes: FastifyPluginAsyncZod<{ trail: RecordTrail }> = async (app, { trail }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '/:id/audit-trail',
    {
      schema: {
        tags: ['audit'],
        summary: "Who looked at or changed this person's record and the records about them, newest first",
        description:
          'Admins: anyone; supervisors: the people of their team. `scope=record` keeps to the user record; `all` adds their visits, care plans, budgets, emergencies, conversations, files and reports. Page on with `before=page.nextBefore`.',
        params: z.object({ id: z.uuid() }),
        querystring: auditTrailQuerySchema,
        response: { 200: envelope(auditTrailSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await trail.trail(actorOf(request), request.params.id, request.query),
    }),
  );
};
