import {
  envelope,
  familyCandidateSchema,
  familyCandidatesQuerySchema,
  familyMemberSchema,
  linkFamilyMemberBodySchema,
} from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { FamilyService } from './service';

const clientParams = z.object({ id: z.uuid() });
const memberParams = z.object({ id: z.uuid(), userId: z.uuid() });

/** A client's family members, who act for them with their own login: admins only (audited). */
export const familyRoutes: FastifyPluginAsyncZod<{ service: FamilyService }> = async (app, { service }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '/:id/family-members',
    {
      schema: {
        tags: ['users'],
        summary: 'The family members who act for a client (admins only)',
        params: clientParams,
        response: { 200: envelope(z.array(familyMemberSchema)) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await service.list(actorOf(request), request.params.id),
    }),
  );

  app.get(
    '/:id/family-members/candidates',
    {
      schema: {
        tags: ['users'],
        summary: 'Client-role logins that could be linked to act for the client, by name or email (admins only)',
        params: clientParams,
        querystring: familyCandidatesQuerySchema,
        response: { 200: envelope(z.array(familyCandidateSchema)) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await service.candidates(actorOf(request), request.params.id, request.query),
    }),
  );

  app.post(
    '/:id/family-members',
    {
      schema: {
        tags: ['users'],
        summary: "Let a family member's own client-role login act for the client (admins only; audited)",
        params: clientParams,
        body: linkFamilyMemberBodySchema,
        response: { 201: envelope(z.array(familyMemberSchema)) },
      },
    },
    async (request, reply) => {
      const data = await service.link(actorOf(request), request.params.id, request.body);
      return reply.status(201).send({ success: true as const, data });
    },
  );

  app.delete(
    '/:id/family-members/:userId',
    {
      schema: {
        tags: ['users'],
        summary: 'End a family member acting for the client, at once (admins only; audited)',
        params: memberParams,
        response: { 200: envelope(z.object({ message: z.string() })) },
      },
    },
    async (request) => {
      await service.unlink(actorOf(request), request.params.id, request.params.userId);
      return { success: true as const, data: { message: 'Family member unlinked' } };
    },
  );
};
