import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FilesService } from './service';

// PLACEHOLDER being replaced by the files module.
export const filesRoutes: FastifyPluginAsyncZod<{ service: FilesService }> = async () => {};
