import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EvvService } from './service';

// PLACEHOLDER being replaced by the EVV and eMAR module.
export const evvRoutes: FastifyPluginAsyncZod<{ evv: EvvService }> = async () => {};
