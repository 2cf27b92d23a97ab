import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { EVV_REASON_CODE_KEYS, EvvExceptionType, evvExceptionViewSchema } from '@caretracker/shared';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../context/request-context';
import { ConflictError, NotFoundError } from '../../errors/app-errors';
import type { Notifier } from '../notifications/service';
import { personName } from '../notifications/wording';
import type { EvvDeps } from './service';
import type { VisitGuard, VisitRow } from './visit-guard';

const { evvExceptions, visits } = schema;

type ExceptionRow = typeof evvExceptions.$inferSelect;
export type EvvExceptionView = z.infer<typeof evvExceptionViewSchema>;

/** An exception a check found, before it is stored. */
export interface PendingException {
  type: EvvExceptionType;
  detail: Record<string, unknown>;
}

export function exceptionView(row: ExceptionRow): EvvExceptionView {
  return {
    id: row.id,
    type: row.type as EvvExceptionType,
    detail: row.detail,
    status: row.status,
    reasonCode: row.reasonCode as EvvExceptionView['reasonCode'],
    note: row.note,
    resolvedBy: row.resolvedBy,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Stores the exceptions; one per visit and type, so a type already raised is not raised again. */
/** The exceptions a call (check-in or check-out) raised on a visit, read back for a resumed attempt's answer. */
export async function exceptionsRaisedBy(
  executor: Executor,
  visitId: string,
  call: 'CHECKIN' | 'CHECKOUT',
): Promise<EvvExceptionView[]> {
  const types =
    call === 'CHECKIN'
      ? (['CHECKIN_OUTSIDE_GEOFENCE', 'EARLY_CHECKIN', 'LATE_CHECKIN'] as const)
      : (['CHECKOUT_OUTSIDE_GEOFENCE', 'EARLY_CHECKOUT', 'LATE_CHECKOUT'] as const);
  const rows = await executor
    .select()
    .from(schema.evvExceptions)
    .where(and(eq(schema.evvExceptions.visitId, visitId), inArray(schema.evvExceptions.type, [...types])));
  return rows.map(exceptionView);
}

export async function raiseExceptions(
  tx: Executor,
  visitId: string,
  pending: PendingException[],
  actorId: string | null,
): Promise<EvvExceptionView[]> {
  if (pending.length === 0) return [];
  const rows = await tx
    .insert(evvExceptions)
    .values(pending.map((p) => ({ visitId, type: p.type, detail: p.detail, createdBy: actorId, updatedBy: actorId })))
    .onConflictDoNothing({ target: [evvExceptions.visitId, evvExceptions.type] })
    .returning();
  return rows.map(exceptionView);
}

/** Tells the client's supervisor (in the operation's transaction); the problems are worded from their codes. */
export async function notifyExceptions(
  notifier: Notifier,
  tx: Executor,
  visit: VisitRow,
  raised: EvvExceptionView[],
): Promise<void> {
  if (raised.length === 0) return;
  await notifier.notify(
    {
      userIds: await notifier.supervisorsOf(tx, visit.clientId),
      category: 'EVV_EXCEPTION',
      message: {
        key: 'evvException',
        params: {
          client: await personName(tx, visit.clientId),
          start: visit.scheduledStart.toISOString(),
          problems: raised.map((e) => e.type).join(','),
        },
      },
      entityType: 'visit',
      entityId: visit.id,
    },
    tx,
  );
}

export interface ResolveExceptionInput {
  reasonCode: (typeof EVV_REASON_CODE_KEYS)[number];
  note?: string | undefined;
}

/** A supervisor of the client's team, or an admin, closes an exception with a reason code. */
export function resolveExceptionOperation(deps: EvvDeps, guard: VisitGuard) {
  const { db, audit } = deps;
  return async function resolveException(
    actor: Actor,
    visitId: string,
    exceptionId: string,
    input: ResolveExceptionInput,
  ): Promise<EvvExceptionView> {
    const visit = await guard.visible(actor, visitId, 'resolve EVV exception');
    await guard.roleIn(actor, visit, ['SUPERVISOR', 'ADMIN'], 'resolve EVV exceptions');
    return db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(evvExceptions)
        .where(
          and(eq(evvExceptions.id, exceptionId), eq(evvExceptions.visitId, visitId), isNull(evvExceptions.deletedAt)),
        )
        .for('update');
      if (!current) throw new NotFoundError('EVV exception');
      if (current.status === 'RESOLVED') {
        throw new ConflictError('This EVV exception is already resolved', {
          resolvedBy: current.resolvedBy,
          resolvedAt: current.resolvedAt?.toISOString() ?? null,
        });
      }
      const now = new Date();
      const [resolved] = await tx
        .update(evvExceptions)
        .set({
          status: 'RESOLVED',
          reasonCode: input.reasonCode,
          note: input.note ?? null,
          resolvedBy: actor.id,
          resolvedAt: now,
          updatedAt: now,
          updatedBy: actor.id,
          version: current.version + 1,
        })
        .where(and(eq(evvExceptions.id, exceptionId), eq(evvExceptions.status, 'OPEN')))
        .returning();
      if (!resolved) throw new ConflictError('This EVV exception is already resolved');
      // Touching the visit gives it a new EVV sequence number, so the next export sends the resolution.
      await tx.update(visits).set({ updatedAt: now, updatedBy: actor.id }).where(eq(visits.id, visitId));
      await audit.record(
        {
          action: 'EVV_EXCEPTION_RESOLVED',
          entityType: 'evv_exception',
          entityId: exceptionId,
          classification: 'PHI',
          oldValues: { status: 'OPEN' },
          newValues: { status: 'RESOLVED', reasonCode: input.reasonCode, note: input.note ?? null },
          metadata: { visitId, type: current.type },
        },
        tx,
      );
      await deps.events.visitChanged(tx, 'evv.exception', [visitId], [resolved]);
      return exceptionView(resolved);
    });
  };
}
