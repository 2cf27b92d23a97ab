import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ReportsService } from './service';

// PLACEHOLDER being replaced by the reports module.
export const reportsRoutes: FastifyPluginAsyncZod<{ service: ReportsService }> = async () => {};
