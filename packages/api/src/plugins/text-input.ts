import { findTextDefect } from '@caretracker/shared';
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../errors/app-errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` on a route that takes any body and stores nothing from it (logout): its body is not checked. */
    checkBodyText?: boolean;
  }
}

/**
 * Every string a request brings (path parameters, query, JSON body, keys included) is checked
 * before any route schema runs: NUL and unpaired surrogates answer 400 naming the field, on every
 * route at once, so no query or insert ever sees them (PostgreSQL refuses NUL; a lone surrogate
 * would be stored as U+FFFD). The upload route checks its multipart fields with the same rule.
 */
export function registerTextInputCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const issue =
      findTextDefect(request.params, 'params') ??
      findTextDefect(request.query, 'querystring') ??
      (request.routeOptions.config.checkBodyText === false ? null : findTextDefect(request.body, 'body'));
    if (issue) throw new ValidationError(`Invalid request: ${issue.field}`, [issue]);
  });
}
