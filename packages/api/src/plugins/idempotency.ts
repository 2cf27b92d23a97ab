import { createHash } from 'node:crypto';
import type { Database } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { AppError, UnprocessableError } from '../errors/app-errors';

const { idempotencyKeys } = schema;
const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{8,128}$/;

/**
 * A key still "in progress" after this long belongs to a request that never answered (the process
 * stopped mid-request): the next attempt with the same key and body takes it over and does the work,
 * instead of hearing "still processing" forever. Far above any request's run time. The default of
 * `IDEMPOTENCY_IN_PROGRESS_SECONDS`; the fault suite shortens it to replay soon after a crash.
 */
export const IN_PROGRESS_EXPIRY_SECONDS = 120;
/** How long a completed answer is kept for replays (an offline phone may come back days later). */
export const IDEMPOTENCY_RETENTION_DAYS = 30;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyRecordId?: string;
    /**
     * True when this request took over an earlier attempt with its key that never answered (its
     * process stopped): that attempt's work may have committed, so a handler can answer a
     * "done already" it finds as the success the earlier attempt would have sent.
     */
    idempotencyTakenOver?: boolean;
  }
  interface FastifyContextConfig {
    /** `false` on routes whose answers carry secrets (tokens, MFA secrets, recovery codes): never stored. */
    idempotency?: boolean;
  }
}

/** What a repeat must match: the method, the URL and the body. */
export function requestHashOf(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

/** 409 with Retry-After: "wait and send it again", which an offline outbox tells apart from a refusal. */
const stillProcessing = () =>
  new AppError(409, 'CONFLICT', 'The earlier request with this Idempotency-Key is still being processed', undefined, {
    'retry-after': '1',
  });

/**
 * `Idempotency-Key` on POST: the first answer is stored, and a repeat with the same key and
 * body gets that answer again without the work being redone (offline replays from the worker
 * app rely on it). The same key with another body is refused (422). Failed attempts are
 * forgotten so they can be retried, and so is an attempt that never answered (after
 * `IN_PROGRESS_EXPIRY_SECONDS`); answers are kept `IDEMPOTENCY_RETENTION_DAYS`. Routes that hand out secrets opt out: a stored copy of a
 * token would outlive its rotation.
 */
export function registerIdempotency(
  app: FastifyInstance,
  db: Database,
  inProgressExpirySeconds = IN_PROGRESS_EXPIRY_SECONDS,
): void {
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.config.idempotency === false) return;
    const key = request.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new AppError(400, 'VALIDATION_ERROR', 'Idempotency-Key must be 8-128 letters, digits, or - _ : .', [
        { field: 'headers.idempotency-key', message: 'must be 8-128 letters, digits, or - _ : .' },
      ]);
    }
    const scope = request.actor ? `user:${request.actor.id}` : `ip:${request.ip}`;
    const path = request.routeOptions.url ?? request.url;
    const requestHash = requestHashOf(request.method, request.url, request.body);
    const [inserted] = await db
      .insert(idempotencyKeys)
      .values({ scope, key, method: request.method, path, requestHash })
      .onConflictDoNothing()
      .returning({ id: idempotencyKeys.id });
    if (inserted) {
      request.idempotencyRecordId = inserted.id;
      return;
    }
    const [existing] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    if (!existing) throw stillProcessing();
    if (existing.requestHash !== requestHash) {
      throw new UnprocessableError('This Idempotency-Key was already used with a different request');
    }
    if (existing.statusCode === null) {
      const [takenOver] = await db
        .update(idempotencyKeys)
        .set({ createdAt: sql`now()` })
        .where(
          and(
            eq(idempotencyKeys.id, existing.id),
            isNull(idempotencyKeys.statusCode),
            lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${inProgressExpirySeconds})`),
          ),
        )
        .returning({ id: idempotencyKeys.id });
      if (!takenOver) throw stillProcessing();
      request.idempotencyRecordId = takenOver.id;
      request.idempotencyTakenOver = true;
      return;
    }
    reply.header('idempotent-replayed', 'true');
    return reply.status(existing.statusCode).serializer(JSON.stringify).send(existing.responseBody);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const recordId = request.idempotencyRecordId;
    if (!recordId) return payload;
    if (reply.statusCode >= 400) {
      await db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, recordId));
      return payload;
    }
    let body: unknown = null;
    if (typeof payload === 'string' && payload.length > 0) {
      try {
        body = JSON.parse(payload);
      } catch {
        body = payload;
      }
    }
    await db
      .update(idempotencyKeys)
      .set({ statusCode: reply.statusCode, responseBody: body, completedAt: new Date() })
      .where(eq(idempotencyKeys.id, recordId));
    return payload;
  });
}
