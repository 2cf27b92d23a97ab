import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorBody } from '../errors/error-handler';

declare module 'fastify' {
  interface FastifyInstance {
    /** Requests in progress that count against LOAD_SHED_MAX_IN_FLIGHT. */
    loadShedding: { inFlight(): number };
  }
}

/** Liveness and readiness, metrics and WebSocket upgrades are never shed (sockets stay open for hours). */
function exempt(request: FastifyRequest): boolean {
  if (request.headers.upgrade) return true;
  const url = request.url;
  return url.startsWith('/health') || url.startsWith('/metrics');
}

/**
 * Load shedding: beyond `maxInFlight` requests in progress in this process, further ones are
 * answered 503 with `Retry-After: 1` at once, before any other work (authentication, rate limit,
 * database), instead of queueing behind the others for seconds. A request counts from its first
 * hook until its response is finished or its connection closes.
 */
export function registerLoadShedding(app: FastifyInstance, options: { maxInFlight: number }): void {
  let inFlight = 0;
  let shedSinceLog = 0;
  let lastLog = 0;
  app.decorate('loadShedding', { inFlight: () => inFlight });
  app.addHook('onRequest', async (request, reply) => {
    if (exempt(request)) return;
    if (inFlight >= options.maxInFlight) {
      // Answered here, without the error handler's per-request error log: under overload that
      // log would cost more than the answer. One warning every 10 s counts them instead.
      shedSinceLog++;
      const now = Date.now();
      if (now - lastLog >= 10_000) {
        request.log.warn({ shed: shedSinceLog, maxInFlight: options.maxInFlight }, 'load shedding: answered 503');
        shedSinceLog = 0;
        lastLog = now;
      }
      return reply
        .code(503)
        .header('retry-after', '1')
        .type('application/json; charset=utf-8')
        .serializer(JSON.stringify)
        .send(errorBody(request, 'SERVICE_UNAVAILABLE', 'The service is busy, try again shortly'));
    }
    inFlight++;
    let released = false;
    reply.raw.once('close', () => {
      if (released) return;
      released = true;
      inFlight--;
    });
  });
}
