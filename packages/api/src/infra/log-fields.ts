import { queryFailureOf } from '@caretracker/database';
import type { FastifyRequest } from 'fastify';
import { stdSerializers } from 'pino';

/**
 * What the logs may say about a request and an error (PRODUCT.md: logs never contain passwords,
 * tokens or PHI). Installed as the logger's `req` and `err` serializers, so every log line of
 * the server and its jobs goes through them.
 */

/**
 * A request by its route pattern (`/visits/:id`), or for an unmatched one its path: never the
 * query string, which carries search terms and names (`/search?q=Adams`, `/users?search=`).
 */
export function requestLogFields(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.routeOptions?.url ?? request.url.split('?')[0],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** The call sites of an error's stack, without its first lines (a Drizzle error's message holds the parameters). */
const callSites = (error: unknown) =>
  String((error as { stack?: unknown })?.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');

/**
 * A failed query by its SQL text, SQLSTATE code and the names the database gives (constraint,
 * table, column); never its parameters, the database's detail or its message, which quote the
 * values (visit notes, message bodies, names). Any other error as pino writes it.
 */
export function errorLogFields(error: unknown) {
  const failure = queryFailureOf(error);
  if (!failure) return stdSerializers.err(error as Error);
  return {
    type: 'QueryFailed',
    message: `database query failed${failure.code ? ` (${failure.code})` : ''}`,
    ...failure,
    stack: callSites(error),
  };
}

/**
 * An error as a job failure may record it (GET /admin/jobs/failed, BullMQ's failed set in Redis):
 * a failed query by its code and constraint, as `errorLogFields` logs it, since Drizzle's own
 * message lists the parameters; the original stays the cause, for the log line.
 */
export function recordableError(error: unknown): unknown {
  const failure = queryFailureOf(error);
  if (!failure) return error;
  const names = [failure.constraint, failure.table].filter(Boolean).join(' on ');
  return new Error(`database query failed (${failure.code ?? 'no code'})${names ? `: ${names}` : ''}`, {
    cause: error,
  });
}

/**
 * A failed delivery: an SMTP server's answer by its codes only, since its message quotes the
 * recipient's address (`550 <pat.adams@…>: Recipient address rejected`) and addresses carry
 * names; anything else (network, database) as `errorLogFields`.
 */
export function mailErrorFields(error: unknown) {
  const { code, responseCode, command } = (error ?? {}) as Record<string, unknown>;
  if (responseCode === undefined && command === undefined) return errorLogFields(error);
  return { type: 'MailDeliveryFailed', code, responseCode, command };
}
