import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-errors';

declare module 'fastify' {
  interface FastifyInstance {
    /** Requests in progress that count against LOAD_SHED_MAX_IN_FLIGHT. */
    loadShedding: { inFlight(): number };
  }
}

/** Answered when the process already handles as many requests as it should at once. */
export class OverloadedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(503, 'SERVICE_UNAVAILABLE', 'The service is busy, try again shortly', undefined, {
      'retry-after': String(retryAfterSeconds),
    });
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
  app.decorate('loadShedding', { inFlight: () => inFlight });
  app.addHook('onRequest', async (request, reply) => {
    if (exempt(request)) return;
    if (inFlight >= options.maxInFlight) {
      throw new OverloadedError(1);
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
