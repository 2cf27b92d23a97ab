import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CarePlansService } from './service';

// PLACEHOLDER being replaced by the care plans module.
export const carePlansRoutes: FastifyPluginAsyncZod<{ carePlans: CarePlansService }> = async () => {};
