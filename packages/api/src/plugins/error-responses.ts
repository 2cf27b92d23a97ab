import { errorResponseSchema } from '@caretracker/shared';
import type { FastifyInstance } from 'fastify';

const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 415, 422, 423, 429, 500] as const;

/**
 * Every documented route answers errors in the one shared shape; this adds that to each route's
 * response schemas (for OpenAPI), so route files list only their success answers.
 */
export function registerStandardErrorResponses(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide) return;
    const standard = Object.fromEntries(ERROR_STATUSES.map((status) => [status, errorResponseSchema]));
    route.schema.response = { ...standard, ...(route.schema.response as object | undefined) };
  });
}
