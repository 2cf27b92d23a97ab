import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../module-deps';

// PLACEHOLDER being replaced: the notification inbox (list, unread count, mark read, preferences).
export const notificationsRoutes: FastifyPluginAsyncZod<{ deps: ModuleDeps }> = async () => {};
