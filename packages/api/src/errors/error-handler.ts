import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDatabaseUnavailable } from '@caretracker/database';
import type { ErrorCode, ErrorResponse, FieldIssue } from '@caretracker/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from './app-errors';

export function errorBody(request: FastifyRequest, code: ErrorCode, message: string, details?: unknown): ErrorResponse {
  return {
    success: false,
    error: code,
    message,
    ...(details === undefined ? {} : { details }),
    timestamp: new Date().toISOString(),
    requestId: String(request.id),
  };
}

function send(reply: FastifyReply, status: number, body: ErrorResponse) {
  // The body is already in its final shape; skip route response schemas for errors.
  return reply.status(status).type('application/json; charset=utf-8').serializer(JSON.stringify).send(body);
}

const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'BAD_REQUEST', message: 'Request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'BAD_REQUEST', message: 'Request body is empty; send {}' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Unsupported content type; send application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST', message: 'Content-Length is wrong' },
};

/** At most this many failing fields are listed in a 400 (the message says how many more there were). */
export const MAX_LISTED_ISSUES = 20;

/** One issue per field (the first), the first `MAX_LISTED_ISSUES` of them, and how many fields were left out. */
function firstIssues(issues: FieldIssue[]): { listed: FieldIssue[]; more: number } {
  const byField = new Map<string, FieldIssue>();
  for (const issue of issues) if (!byField.has(issue.field)) byField.set(issue.field, issue);
  const unique = [...byField.values()];
  return { listed: unique.slice(0, MAX_LISTED_ISSUES), more: Math.max(0, unique.length - MAX_LISTED_ISSUES) };
}

/**
 * ENOSPC (no space left) or EDQUOT (quota) anywhere in the error's cause chain, or PostgreSQL's
 * `disk_full` (53100: it could not extend a table or index file; the transaction rolled back).
 */
function isOutOfSpace(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === '53100') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** One place that turns every failure into `{ success:false, error, message, details?, timestamp, requestId }`. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const issues: FieldIssue[] = error.validation.flatMap((issue) => {
        const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
        const at = (field: string) => [where, path, field].filter(Boolean).join('.');
        const unknownKeys =
          issue.keyword === 'unrecognized_keys' ? (issue.params as { keys?: string[] }).keys : undefined;
        if (unknownKeys?.length) return unknownKeys.map((key) => ({ field: at(key), message: 'is not a known field' }));
        return [{ field: at(''), message: issue.message ?? 'is invalid' }];
      });
      const { listed, more } = firstIssues(issues);
      const names = listed.map((issue) => issue.field).join(', ');
      const message = `Invalid request: ${names}${more > 0 ? ` and ${more} more` : ''}`;
      return send(reply, 400, errorBody(request, 'VALIDATION_ERROR', message, listed));
    }
    if (error instanceof AppError) {
      reply.headers(error.headers);
      if (error.statusCode >= 500) request.log.error({ err: error }, error.message);
      return send(reply, error.statusCode, errorBody(request, error.code, error.message, error.details));
    }
    if (isDatabaseUnavailable(error)) {
      // PostgreSQL restarting or out of reach: "try again shortly", which clients and the apps'
      // outboxes retry, rather than a 500 that reads as a bug.
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '5');
      return send(
        reply,
        503,
        errorBody(request, 'SERVICE_UNAVAILABLE', 'The service is briefly unavailable; try again in a few seconds'),
      );
    }
    if (isOutOfSpace(error)) {
      // The disk under the file store, a temporary folder or the database is full: nothing was kept
      // (staging removes its partial file, the transaction rolled back), and the client learns it is
      // the server's storage, not its request; the apps' outboxes send it again later.
      request.log.error({ err: error }, 'no space left on the storage device');
      reply.header('retry-after', '30');
      return send(
        reply,
        507,
        errorBody(request, 'SERVICE_UNAVAILABLE', 'The server has no room to store this right now; nothing was saved'),
      );
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return send(reply, known.status, errorBody(request, known.code, known.message));
    if (error.statusCode === 429) {
      return send(reply, 429, errorBody(request, 'RATE_LIMITED', 'Too many requests, try again later'));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
    } else if (error.statusCode && error.statusCode < 500) {
      return send(reply, error.statusCode, errorBody(request, 'BAD_REQUEST', error.message));
    } else {
      request.log.error({ err: error }, 'unhandled error');
    }
    return send(reply, 500, errorBody(request, 'INTERNAL_ERROR', 'Something went wrong; the error has been logged'));
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, errorBody(request, 'NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0]} not found`)),
  );
}

/** Sets the security headers on a raw answer (helmet's middleware), then continues. */
type ApplyHeaders = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * Fastify's router refuses some URLs before any hook runs (undecodable percent-encoding, a path
 * parameter past its length limit); left to Fastify they answer in its own shape with the raw path
 * echoed back and none of the security headers. They answer in the shared shape instead, without
 * the path, with the headers every other answer carries.
 */
export function frameworkErrorHandler(applyHeaders: ApplyHeaders) {
  const messages: Record<string, string> = {
    FST_ERR_BAD_URL: 'The URL is not valid: it holds characters that cannot be decoded',
    FST_ERR_MAX_PARAM_LENGTH: 'The URL is not valid: a part of its path is too long',
  };
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    applyHeaders(request.raw, reply.raw, () => {
      reply.headers({ 'x-request-id': request.id, 'cache-control': 'no-store' });
      const message = error.code ? messages[error.code] : undefined;
      if (message) return send(reply, 400, errorBody(request, 'BAD_REQUEST', message));
      request.log.error({ err: error }, 'router error');
      return send(reply, 500, errorBody(request, 'INTERNAL_ERROR', 'Something went wrong; the error has been logged'));
    });
  };
}
