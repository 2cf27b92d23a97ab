import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { UsersService } from './service';

// PLACEHOLDER being replaced by the users module.
export const usersRoutes: FastifyPluginAsyncZod<{ users: UsersService }> = async () => {};
