import {
  createUserBodySchema,
  envelope,
  listUsersQuerySchema,
  pagedEnvelope,
  updateUserBodySchema,
  userViewSchema,
} from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { UsersService } from './service';

const idParams = z.object({ id: z.uuid() });

/** People: every route is signed-in only; the service decides per record what the caller sees. */
export const usersRoutes: FastifyPluginAsyncZod<{ users: UsersService }> = async (app, { users }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '',
    {
      schema: {
        tags: ['users'],
        summary: 'Users the caller may see, by last then first name',
        querystring: listUsersQuerySchema,
        response: { 200: pagedEnvelope(userViewSchema) },
      },
    },
    async (request) => ({ success: true as const, ...(await users.list(actorOf(request), request.query)) }),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'One user, shaped to what the caller may read',
        params: idParams,
        response: { 200: envelope(userViewSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await users.get(actorOf(request), request.params.id) }),
  );

  app.post(
    '',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user (admins: any role; supervisors: workers and clients in their team)',
        body: createUserBodySchema,
        response: { 201: envelope(userViewSchema) },
      },
    },
    async (request, reply) => {
      const data = await users.create(actorOf(request), request.body);
      reply.status(201);
      return { success: true as const, data };
    },
  );

  app.put(
    '/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Update the fields the caller may write; send `version` to guard against lost updates',
        params: idParams,
        body: updateUserBodySchema,
        response: { 200: envelope(userViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await users.update(actorOf(request), request.params.id, request.body),
    }),
  );

  app.post(
    '/:id/unlock',
    {
      schema: {
        tags: ['users'],
        summary: 'End a sign-in lockout early and forget the failed attempts (admins only; audited)',
        params: idParams,
        response: { 200: envelope(userViewSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await users.unlock(actorOf(request), request.params.id) }),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Soft-delete a user and end their sessions (admins only)',
        params: idParams,
        response: { 200: envelope(z.object({ message: z.string() })) },
      },
    },
    async (request) => {
      await users.remove(actorOf(request), request.params.id);
      return { success: true as const, data: { message: 'User deleted' } };
    },
  );
};
