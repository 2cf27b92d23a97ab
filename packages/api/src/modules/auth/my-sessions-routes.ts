import { endedSessionsSchema, envelope, mySessionSchema, sessionIdParamsSchema } from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { MySessionsService } from './my-sessions';

/** /auth/sessions: the signed-in user's devices (their own sessions only). */
export const mySessionsRoutes: FastifyPluginAsyncZod<{ service: MySessionsService }> = async (app, { service }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '',
    {
      schema: {
        tags: ['auth'],
        summary: 'Your signed-in devices: this one first, then by last use',
        response: { 200: envelope(z.array(mySessionSchema)) },
      },
    },
    async (request) => ({ success: true as const, data: await service.list(actorOf(request)) }),
  );

  app.post(
    '/sign-out-others',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out every other device (this one stays signed in)',
        response: { 200: envelope(endedSessionsSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await service.endOthers(actorOf(request)) }),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out one of your devices (404 for a session that is not yours or already ended)',
        params: sessionIdParamsSchema,
        response: { 200: envelope(z.object({ message: z.string() })) },
      },
    },
    async (request) => {
      await service.end(actorOf(request), request.params.id);
      return { success: true as const, data: { message: 'Signed out on that device' } };
    },
  );
};
