import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { MessagesService } from './service';

// PLACEHOLDER being replaced by the messages module.
export const messagesRoutes: FastifyPluginAsyncZod<{ service: MessagesService }> = async () => {};
