import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EmergenciesService } from './service';

// PLACEHOLDER being replaced by the emergencies module.
export const emergenciesRoutes: FastifyPluginAsyncZod<{ service: EmergenciesService }> = async () => {};
