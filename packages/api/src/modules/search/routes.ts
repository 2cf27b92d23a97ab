import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SearchService } from './service';

// PLACEHOLDER being replaced by the search module.
export const searchRoutes: FastifyPluginAsyncZod<{ service: SearchService }> = async () => {};
