import { REALTIME_CHANNELS, REALTIME_PROTOCOL } from '@caretracker/shared';
import type { WebsocketPluginOptions } from '@fastify/websocket';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ForbiddenError, ValidationError } from '../../errors/app-errors';
import { actorOf } from '../../plugins/request-context';
import type { Realtime } from './service';

const lastEventIdSchema = z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * For `@fastify/websocket`: answer with our subprotocol when offered (a `bearer.<token>` offered
 * beside it is read by the request context and never echoed back), small client frames, and on
 * shutdown close every socket with 1012 and a reconnect hint instead of the default 1001.
 */
export function websocketPluginOptions(closeSockets: () => void): WebsocketPluginOptions {
  return {
    options: {
      maxPayload: 4_096,
      handleProtocols: (protocols) => (protocols.has(REALTIME_PROTOCOL) ? REALTIME_PROTOCOL : false),
    },
    preClose(done) {
      closeSockets();
      done();
    },
  };
}

/**
 * `/ws/visits` and `/ws/notifications`. The upgrade is an ordinary request until the handler:
 * the request context has already resolved the caller from the `Authorization` header, a
 * `bearer.<token>` subprotocol or the `ct_access` cookie, and checked the session; a caller
 * without one gets 401 and no socket. Tokens are never taken from the URL (URLs end up in logs).
 * Cookie-borne credentials are sent by the browser to any page's socket, so a browser `Origin`
 * must be one of the apps' (cross-site WebSocket hijacking).
 */
export const realtimeRoutes: FastifyPluginAsync<{ realtime: Realtime; allowedOrigins: string[] }> = async (
  app,
  { realtime, allowedOrigins },
) => {
  function guard(request: FastifyRequest) {
    actorOf(request); // 401 without a live session
    const origin = request.headers.origin;
    if (origin && !allowedOrigins.includes(origin)) throw new ForbiddenError('This origin may not open live updates');
  }

  function lastEventIdOf(request: FastifyRequest): number | null {
    const raw = (request.query as Record<string, unknown>).lastEventId;
    if (raw === undefined || raw === '') return null;
    const parsed = lastEventIdSchema.safeParse(raw);
    if (!parsed.success) {
      throw new ValidationError('Invalid request: querystring.lastEventId', [
        { field: 'querystring.lastEventId', message: 'must be a non-negative integer' },
      ]);
    }
    return parsed.data;
  }

  for (const channel of REALTIME_CHANNELS) {
    app.route({
      method: 'GET',
      url: `/ws/${channel}`,
      websocket: true,
      preValidation: async (request) => {
        guard(request);
        lastEventIdOf(request);
      },
      handler: (socket, request) => {
        void realtime.hub.attach(socket, actorOf(request), channel, lastEventIdOf(request));
      },
    });
  }
};
