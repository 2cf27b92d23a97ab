import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ACCESS_COOKIE, REALTIME_BEARER_PROTOCOL_PREFIX } from '@caretracker/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, currentContext, runWithContext, setActor } from '../context/request-context';
import { UnauthorizedError } from '../errors/app-errors';
import type { AuditService } from '../modules/audit/service';
import type { SessionStore } from '../modules/auth/sessions';
import type { TokenService } from '../modules/auth/tokens';
import { createTokenRejectionAudit } from './token-rejections';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Route guard: 401 unless the request carries a live session. */
    requireAuth(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

/** A caller's request id is kept only when it is a plain token (a UUID, nginx's hex id…). */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Fastify's `genReqId`: the caller's `X-Request-ID` when well-formed, so one id follows a request
 * through nginx, the API and the audit log; anything else (too long, odd characters, repeated
 * headers) is dropped for a new UUID, so a client cannot write what it likes into logs and audit rows.
 */
export function requestIdFor(request: IncomingMessage): string {
  const offered = request.headers['x-request-id'];
  return typeof offered === 'string' && WELL_FORMED_REQUEST_ID.test(offered) ? offered : randomUUID();
}

/** The access token a request carries, and how it came (for the audit trail). */
function bearerToken(request: FastifyRequest): { token: string; carrier: string } | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = header.slice(7).trim();
    return token ? { token, carrier: 'bearer' } : null;
  }
  const offered = protocolToken(request);
  if (offered) return { token: offered, carrier: 'websocket_protocol' };
  const cookie = request.cookies[ACCESS_COOKIE];
  return cookie ? { token: cookie, carrier: 'cookie' } : null;
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
  deps: { tokens: TokenService; sessions: SessionStore; audit: AuditService },
): void {
  const recordRejection = createTokenRejectionAudit(deps.audit, app.log);
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
    const presented = bearerToken(request);
    if (!presented) return;
    const { ip } = currentContext();
    const checked = deps.tokens.verifyAccess(presented.token);
    if ('rejected' in checked) {
      if (checked.rejected === 'invalid') await recordRejection('invalid', { ip, carrier: presented.carrier });
      return;
    }
    const { sub, sid } = checked.claims;
    // Checked on every request so logout, deactivation and reuse revocation take effect at once;
    // the role is the user row's, whatever the token says.
    const user = await deps.sessions.liveUser(sid, sub);
    if (!user) {
      await recordRejection('session_ended', { ip, sessionId: sid, carrier: presented.carrier });
      return;
    }
    request.actor = {
      id: sub,
      role: user.role,
      sessionId: sid,
      ...(user.actsForClientId ? { actsForClientId: user.actsForClientId } : {}),
    };
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
