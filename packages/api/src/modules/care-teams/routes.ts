import {
  assignCareTeamBodySchema,
  careTeamMemberSchema,
  careTeamSchema,
  changeCareTeamBodySchema,
  endCareTeamBodySchema,
  envelope,
} from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { CareTeamsService } from './service';

const clientParams = z.object({ id: z.uuid() });
const memberParams = z.object({ id: z.uuid(), assignmentId: z.uuid() });
const ACCESS =
  'Admins: any client; supervisors: the clients of their team, with workers of their team. Others 403; a client outside the team 404.';

/** A client's care team (primary, backup workers, supervisor); registered under `/users`. */
export const careTeamsRoutes: FastifyPluginAsyncZod<{ service: CareTeamsService }> = async (app, { service }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '/:id/care-team',
    {
      schema: {
        tags: ['care teams'],
        summary: "A client's care team: supervisor, current and future members, then ended ones",
        description: ACCESS,
        params: clientParams,
        response: { 200: envelope(careTeamSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await service.get(actorOf(request), request.params.id) }),
  );

  app.post(
    '/:id/care-team',
    {
      schema: {
        tags: ['care teams'],
        summary: 'Put a care worker on the team (a new primary makes the previous one a backup)',
        description: `${ACCESS} A worker already on the team is a 409.`,
        params: clientParams,
        body: assignCareTeamBodySchema,
        response: { 201: envelope(careTeamMemberSchema) },
      },
    },
    async (request, reply) => {
      const data = await service.assign(actorOf(request), request.params.id, request.body);
      reply.status(201);
      return { success: true as const, data };
    },
  );

  app.put(
    '/:id/care-team/:assignmentId',
    {
      schema: {
        tags: ['care teams'],
        summary: "Change a member's role or dates; send `version` to guard against lost updates",
        description: ACCESS,
        params: memberParams,
        body: changeCareTeamBodySchema,
        response: { 200: envelope(careTeamMemberSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await service.change(actorOf(request), request.params.id, request.params.assignmentId, request.body),
    }),
  );

  app.post(
    '/:id/care-team/:assignmentId/end',
    {
      schema: {
        tags: ['care teams'],
        summary: "End a member's time on the team (default today); one not started yet is withdrawn",
        description: ACCESS,
        params: memberParams,
        body: endCareTeamBodySchema,
        response: { 200: envelope(z.object({ withdrawn: z.boolean() })) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await service.end(actorOf(request), request.params.id, request.params.assignmentId, request.body),
    }),
  );
};
