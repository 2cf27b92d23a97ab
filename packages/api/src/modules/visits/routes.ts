import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { VisitsService } from './service';

// PLACEHOLDER being replaced by the visits module.
export const visitsRoutes: FastifyPluginAsyncZod<{ visits: VisitsService }> = async () => {};
