import { ACCESS_COOKIE, REALTIME_BEARER_PROTOCOL_PREFIX } from '@caretracker/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, runWithContext, setActor } from '../context/request-context';
import { UnauthorizedError } from '../errors/app-errors';
import type { SessionStore } from '../modules/auth/sessions';
import type { TokenService } from '../modules/auth/tokens';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Route guard: 401 unless the request carries a live session. */
    requireAuth(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return protocolToken(request) ?? request.cookies[ACCESS_COOKIE] ?? null;
}

/** A WebSocket client that cannot send headers or cookies may offer its token as a `bearer.<token>` subprotocol. */
function protocolToken(request: FastifyRequest): string | null {
  const offered = request.headers['sec-websocket-protocol'];
  if (!offered) return null;
  for (const protocol of offered.split(',')) {
    const value = protocol.trim();
    if (value.startsWith(REALTIME_BEARER_PROTOCOL_PREFIX)) {
      return value.slice(REALTIME_BEARER_PROTOCOL_PREFIX.length) || null;
    }
  }
  return null;
}

/**
 * Opens the per-request context (request id, client address, actor) that logs, audit rows and
 * queued jobs read, and resolves the caller from a Bearer token or the access cookie.
 */
export function registerRequestContext(
  app: FastifyInstance,
  deps: { tokens: TokenService; sessions: SessionStore },
): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    const userAgent = request.headers['user-agent'];
    runWithContext(
      {
        requestId: String(request.id),
        ip: request.ip,
        userAgent: userAgent ? userAgent.slice(0, 500) : null,
        actor: null,
      },
      done,
    );
  });
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request);
    if (!token) return;
    const claims = deps.tokens.verifyAccess(token);
    if (!claims) return;
    // Checked on every request so logout, deactivation and reuse revocation take effect at once.
    if (!(await deps.sessions.isLive(claims.sid, claims.sub))) return;
    request.actor = { id: claims.sub, role: claims.role, sessionId: claims.sid };
    setActor(request.actor);
  });
  app.decorate('requireAuth', async (request: FastifyRequest) => {
    if (!request.actor) throw new UnauthorizedError();
  });
}

/** The signed-in caller; only call behind `requireAuth`. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthorizedError();
  return request.actor;
}
