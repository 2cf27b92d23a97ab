import type { FastifyInstance, FastifyRequest } from 'fastify';

const carriesCredentials = (request: FastifyRequest) =>
  Boolean(request.headers.authorization || request.headers.cookie);

/**
 * No answer of the API is kept by a cache: `no-store` on every answer that does not set its own
 * Cache-Control, and `private, no-store` on anything about a person: the request carried a
 * session or credentials (PHI, errors included), or the answer sets a cookie (sign-in, refresh).
 * Public answers (health) stay `no-store` too: a cached health answer would hide an outage.
 */
export function registerCacheControl(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    if (reply.hasHeader('cache-control')) return;
    const personal = request.actor !== null || carriesCredentials(request) || reply.hasHeader('set-cookie');
    reply.header('cache-control', personal ? 'private, no-store' : 'no-store');
  });
}
