import type { Executor } from '@caretracker/database';
import {
  allowedTransitions,
  canTransition,
  type reviewVisitBodySchema,
  type VisitAction,
  type VisitStatus,
  type VisitView,
} from '@caretracker/shared';
import type { z } from 'zod';
import type { Actor } from '../../context/request-context';
import { ConflictError, ForbiddenError, UnprocessableError } from '../../errors/app-errors';
import type { NotificationInput } from '../notifications/service';
import { personName } from '../notifications/wording';
import { assertNotPast, clashAfterViolation, requireWorker } from './booking';
import {
  findVisit,
  insertVisit,
  isOverlapViolation,
  type VisitInsert,
  type VisitRecord,
  type VisitRow,
  writeVisitChanges,
} from './queries';
import type { VisitsContext } from './service';

export function illegalTransition(status: VisitStatus, to: VisitStatus): ConflictError {
  return new ConflictError(`A ${status} visit cannot become ${to}`, { status, allowed: allowedTransitions(status) });
}

interface TransitionSpec {
  action: VisitAction;
  to: VisitStatus;
  auditAction: string;
  /** Extra rules on the locked row, before anything is written. */
  check?: (visit: VisitRow) => void;
  columns: (visit: VisitRow, now: Date) => Partial<VisitInsert>;
  metadata?: Record<string, unknown>;
}

/** Confirm, cancel, no-show, reschedule and review. Check-in and check-out (IN_PROGRESS, COMPLETED) belong to EVV. */
export function createLifecycle({ db, audit, notifier, events, guard, load }: VisitsContext) {
  /** The other people a visit concerns: client, worker and the client's supervisor, minus the actor. */
  async function notifyParties(
    executor: Executor,
    actor: Actor,
    visit: VisitRow,
    message: NotificationInput['message'],
  ) {
    const supervisors = await notifier.supervisorsOf(executor, visit.clientId);
    const userIds = [visit.clientId, visit.workerId, ...supervisors].filter(
      (userId): userId is string => userId !== null && userId !== actor.id,
    );
    await notifier.notify(
      { userIds, category: 'VISIT_STATUS', message, entityType: 'visit', entityId: visit.id },
      executor,
    );
  }

  async function transition(actor: Actor, id: string, spec: TransitionSpec, gate?: (record: VisitRecord) => void) {
    const record = await guard.requireVisible(actor, id, spec.action);
    await guard.requireAction(actor, id, spec.action);
    if (gate) {
      try {
        gate(record);
      } catch (error) {
        await guard.deny(id, `${spec.action} refused: ${(error as Error).message}`, error as Error);
      }
    }
    await db.transaction(async (tx) => {
      const before = await findVisit(tx, id, { lock: true });
      if (!before) throw new ConflictError('This visit was deleted meanwhile');
      if (!canTransition(before.visit.status, spec.to)) throw illegalTransition(before.visit.status, spec.to);
      spec.check?.(before.visit);
      const now = new Date();
      const columns = spec.columns(before.visit, now);
      await writeVisitChanges(tx, id, { status: spec.to, ...columns }, actor.id);
      await audit.record(
        {
          action: spec.auditAction,
          entityType: 'visit',
          entityId: id,
          classification: 'PHI',
          oldValues: { status: before.visit.status },
          newValues: { status: spec.to, ...columns },
          metadata: spec.metadata ?? null,
        },
        tx,
      );
      if (spec.to === 'CANCELLED') {
        const reason = columns.cancellationReason ?? '';
        await notifyParties(tx, actor, before.visit, {
          key: 'visitCancelled',
          params: {
            client: await personName(tx, before.visit.clientId),
            reason,
            start: before.visit.scheduledStart.toISOString(),
          },
        });
      }
      await events.visitChanged(tx, 'visit.updated', [id]);
    });
    return load(actor, id);
  }

  return {
    async confirm(actor: Actor, id: string): Promise<VisitView> {
      return transition(actor, id, {
        action: 'confirm',
        to: 'CONFIRMED',
        auditAction: 'VISIT_CONFIRMED',
        columns: (_visit, now) => ({ confirmedAt: now, confirmedBy: actor.id }),
      });
    },

    /** Clients cancel only their upcoming visits; supervisors and admins any that may still be cancelled. */
    async cancel(actor: Actor, id: string, reason: string): Promise<VisitView> {
      return transition(
        actor,
        id,
        {
          action: 'cancel',
          to: 'CANCELLED',
          auditAction: 'VISIT_CANCELLED',
          columns: (_visit, now) => ({ cancellationReason: reason, cancelledAt: now, cancelledBy: actor.id }),
        },
        (record) => {
          if (actor.role === 'CLIENT' && record.visit.scheduledStart.getTime() <= Date.now()) {
            throw new ForbiddenError('Clients cancel upcoming visits only; call your supervisor');
          }
        },
      );
    },

    /** Recorded once the visit should have started; the reason is kept on the visit and in the audit trail. */
    async noShow(actor: Actor, id: string, reason: string | undefined): Promise<VisitView> {
      return transition(actor, id, {
        action: 'noShow',
        to: 'NO_SHOW',
        auditAction: 'VISIT_NO_SHOW',
        metadata: reason ? { reason } : undefined,
        check: (visit) => {
          if (visit.scheduledStart.getTime() > Date.now()) {
            throw new UnprocessableError('A visit that has not started yet cannot be a no-show', {
              scheduledStart: visit.scheduledStart.toISOString(),
            });
          }
        },
        columns: () => ({ noShowReason: reason ?? null }),
      });
    },

    async review(actor: Actor, id: string, body: z.output<typeof reviewVisitBodySchema>): Promise<VisitView> {
      await guard.requireVisible(actor, id, 'review');
      await guard.requireAction(actor, id, 'review');
      await db.transaction(async (tx) => {
        const before = await findVisit(tx, id, { lock: true });
        if (!before) throw new ConflictError('This visit was deleted meanwhile');
        const { visit } = before;
        if (visit.status !== 'COMPLETED') {
          throw new ConflictError('Only completed visits are reviewed', { status: visit.status });
        }
        const columns = {
          reviewOutcome: body.outcome,
          reviewNotes: body.notes ?? null,
          reviewedBy: actor.id,
          reviewedAt: new Date(),
        };
        await writeVisitChanges(tx, id, columns, actor.id);
        await audit.record(
          {
            action: 'VISIT_REVIEWED',
            entityType: 'visit',
            entityId: id,
            classification: 'PHI',
            oldValues: {
              reviewOutcome: visit.reviewOutcome,
              reviewNotes: visit.reviewNotes,
              reviewedBy: visit.reviewedBy,
              reviewedAt: visit.reviewedAt,
            },
            newValues: columns,
          },
          tx,
        );
        await events.visitChanged(tx, 'visit.updated', [id]);
      });
      return load(actor, id);
    },

    /** Marks the visit RESCHEDULED and books its replacement, linked both ways, in one transaction. */
    async reschedule(
      actor: Actor,
      id: string,
      body: { scheduledStart: string; scheduledEnd: string; workerId?: string | null | undefined; reason: string },
    ): Promise<VisitView> {
      const record = await guard.requireVisible(actor, id, 'reschedule');
      await guard.requireAction(actor, id, 'reschedule');
      const start = new Date(body.scheduledStart);
      const end = new Date(body.scheduledEnd);
      assertNotPast(start, 'scheduledStart');
      const keepsWorker = body.workerId === undefined || body.workerId === record.visit.workerId;
      const newWorker = !keepsWorker && body.workerId ? await requireWorker(db, actor, body.workerId) : null;
      const workerId = keepsWorker ? record.visit.workerId : (newWorker?.id ?? null);

      try {
        const newId = await db.transaction(async (tx) => {
          const before = await findVisit(tx, id, { lock: true });
          if (!before) throw new ConflictError('This visit was deleted meanwhile');
          const old = before.visit;
          if (!canTransition(old.status, 'RESCHEDULED')) throw illegalTransition(old.status, 'RESCHEDULED');
          // The old visit frees its time first, so the same worker may move within overlapping hours.
          await writeVisitChanges(tx, id, { status: 'RESCHEDULED' }, actor.id);
          const replacement = await insertVisit(tx, {
            clientId: old.clientId,
            workerId,
            carePlanId: old.carePlanId,
            seriesId: old.seriesId,
            serviceType: old.serviceType,
            scheduledStart: start,
            scheduledEnd: end,
            location: old.location,
            locationLat: old.locationLat,
            locationLng: old.locationLng,
            notes: old.notes,
            privateNotes: old.privateNotes,
            plannedActivities: old.plannedActivities,
            rateCents: keepsWorker ? old.rateCents : (newWorker?.hourlyRateCents ?? null),
            rescheduledFromId: old.id,
            createdBy: actor.id,
            updatedBy: actor.id,
          });
          await writeVisitChanges(tx, id, { rescheduledToId: replacement.id }, actor.id);
          const newValues = {
            status: 'RESCHEDULED',
            rescheduledToId: replacement.id,
            scheduledStart: start,
            scheduledEnd: end,
            workerId,
          };
          await audit.record(
            {
              action: 'VISIT_RESCHEDULED',
              entityType: 'visit',
              entityId: id,
              classification: 'PHI',
              oldValues: { status: old.status, scheduledStart: old.scheduledStart, scheduledEnd: old.scheduledEnd },
              newValues,
              metadata: { reason: body.reason },
            },
            tx,
          );
          await audit.record(
            {
              action: 'VISIT_CREATED',
              entityType: 'visit',
              entityId: replacement.id,
              classification: 'PHI',
              newValues: { rescheduledFromId: old.id, scheduledStart: start, scheduledEnd: end, workerId },
            },
            tx,
          );
          await notifyParties(tx, actor, replacement, {
            key: 'visitRescheduled',
            params: { client: await personName(tx, replacement.clientId), start: start.toISOString() },
          });
          await events.visitChanged(tx, 'visit.updated', [id, replacement.id]);
          return replacement.id;
        });
        return load(actor, newId);
      } catch (error) {
        if (workerId && isOverlapViolation(error))
          throw await clashAfterViolation(db, workerId, { start, end }, [id], actor);
        throw error;
      }
    },
  };
}
