import { createHash } from 'node:crypto';
import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import {
  type CheckOutView,
  canTransition,
  type checkOutBodySchema,
  vitalsOutsideAlertRanges,
} from '@caretracker/shared';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../context/request-context';
import { UnprocessableError } from '../../errors/app-errors';
import { recordVisitCost } from '../budgets/service';
import { personName } from '../notifications/wording';
import { carePlanOf, loadEmar, unrecordedDoses } from './emar';
import { distanceTo, evvState, geofenceException, timingException, visitPlace } from './evv-calls';
import { exceptionsRaisedBy, notifyExceptions, type PendingException, raiseExceptions } from './exceptions';
import type { AttemptOptions } from './resume';
import type { EvvDeps } from './service';
import { illegalStatus, lockVisit, type VisitGuard, type VisitRow } from './visit-guard';

const { visits, profiles } = schema;

export type CheckOutInput = z.infer<typeof checkOutBodySchema>;

/** Billable minutes (rounded) and cost in integer cents, rounded half up: money never touches a float. */
export function visitCost(actualStart: Date, actualEnd: Date, rateCents: number | null) {
  const billableMinutes = Math.round((actualEnd.getTime() - actualStart.getTime()) / 60_000);
  if (rateCents === null) return { billableMinutes, costCents: null };
  const sixtieths = billableMinutes * rateCents + 30;
  return { billableMinutes, costCents: (sixtieths - (sixtieths % 60)) / 60 };
}

/** Performed activities must come from the visit's planned list or its care plan's activities. */
async function assertPlannedActivities(tx: Executor, visit: VisitRow, input: CheckOutInput) {
  if (input.performedActivities.length === 0) return;
  const plan = await carePlanOf(tx, visit);
  const known = new Set([...visit.plannedActivities, ...(plan?.activities ?? []).map((a) => a.code)]);
  const issues = input.performedActivities.flatMap((activity, index) =>
    known.has(activity.code)
      ? []
      : [{ field: `body.performedActivities.${index}.code`, message: 'is not a planned activity of this visit' }],
  );
  if (issues.length > 0) {
    throw new UnprocessableError('performedActivities must come from the visit’s planned activities', issues);
  }
}

async function rateOf(tx: Executor, visit: VisitRow): Promise<number | null> {
  if (visit.rateCents !== null || visit.workerId === null) return visit.rateCents;
  const [worker] = await tx
    .select({ rate: profiles.hourlyRateCents })
    .from(profiles)
    .where(eq(profiles.userId, visit.workerId));
  return worker?.rate ?? null;
}

/** What the check-out answered, read back from the completed visit. */
async function storedCheckOut(tx: Executor, visit: VisitRow, config: EvvDeps['config']): Promise<CheckOutView> {
  return {
    ...evvState(visit, await exceptionsRaisedBy(tx, visit.id, 'CHECKOUT'), config),
    performedActivities: visit.performedActivities.map((a) => ({ ...a, note: a.note ?? null })),
    followUpRequired: visit.followUpRequired,
    vitalsFlagged: visit.vitals ? vitalsOutsideAlertRanges(visit.vitals) : [],
  };
}

/**
 * The assigned worker ends the visit with its documentation. Refused while a due dose is
 * unrecorded; stamps time, position and exceptions; bills the minutes; completes the visit.
 */
export function checkOutOperation(deps: EvvDeps, guard: VisitGuard) {
  const { db, config, audit, notifier } = deps;
  return async function checkOut(
    actor: Actor,
    visitId: string,
    input: CheckOutInput,
    options: AttemptOptions = {},
  ): Promise<CheckOutView> {
    await guard.assignedWorker(actor, await guard.visible(actor, visitId, 'check out'), 'check out');
    return db.transaction(async (tx) => {
      const visit = await lockVisit(tx, visitId);
      // The crash fell between the commit and the stored answer: the replay hears the success.
      if (options.resumesUnansweredAttempt && visit.status === 'COMPLETED' && visit.updatedBy === actor.id) {
        return storedCheckOut(tx, visit, config);
      }
      if (visit.status !== 'IN_PROGRESS' || !visit.actualStart) {
        const notYet = canTransition(visit.status, 'IN_PROGRESS');
        throw illegalStatus(
          visit.status,
          notYet ? 'Check in before checking out' : `A ${visit.status} visit cannot be checked out`,
          { rule: 'a visit is checked out only while IN_PROGRESS, after its check-in' },
        );
      }
      await assertPlannedActivities(tx, visit, input);
      const missing = unrecordedDoses(await loadEmar(tx, visit));
      if (missing.length > 0) {
        throw new UnprocessableError('Record every due dose before checking out', {
          missingDoses: missing.map((dose) => ({
            medicationId: dose.medication.id,
            name: dose.medication.name,
            dose: dose.medication.dose,
            route: dose.medication.route,
            scheduledFor: dose.scheduledFor.toISOString(),
          })),
        });
      }

      const now = new Date();
      const deviceAt = input.capturedAt ? new Date(input.capturedAt) : null;
      const distanceM = distanceTo(await visitPlace(tx, visit), input);
      const pending = [
        geofenceException('CHECKOUT_OUTSIDE_GEOFENCE', distanceM, input, config.EVV_GEOFENCE_METERS),
        timingException('CHECKOUT', now, visit.scheduledEnd, config.EVV_TOLERANCE_MINUTES, deviceAt),
      ].filter((p): p is PendingException => p !== null);
      const rateCents = await rateOf(tx, visit);
      const { billableMinutes, costCents } = visitCost(visit.actualStart, now, rateCents);
      const documentation = {
        performedActivities: input.performedActivities.map((a) => ({
          code: a.code,
          status: a.status,
          note: a.note ?? null,
        })),
        notes: input.notes ?? visit.notes,
        privateNotes: input.privateNotes ?? visit.privateNotes,
        vitals: input.vitals ?? null,
        clientSatisfaction: input.clientSatisfaction ?? null,
        clientSignature: input.clientSignature ?? null,
        followUpRequired: input.followUpRequired,
        followUpNote: input.followUpNote ?? null,
      };

      // The call-out and billing figures: written to the visit and kept in the audit row alike.
      const checkOut = {
        checkOutAt: now,
        checkOutDeviceAt: deviceAt,
        checkOutLat: input.lat,
        checkOutLng: input.lng,
        checkOutAccuracyM: input.accuracyM,
        checkOutDistanceM: distanceM,
        billableMinutes,
        rateCents,
        costCents,
      };
      const [updated] = await tx
        .update(visits)
        .set({
          ...documentation,
          status: 'COMPLETED',
          actualEnd: now,
          ...checkOut,
          updatedAt: now,
          updatedBy: actor.id,
          version: sql`${visits.version} + 1`,
        })
        .where(eq(visits.id, visitId))
        .returning();
      if (!updated) throw new Error('check-out update returned nothing');
      await recordVisitCost(tx, updated, deps);

      const raised = await raiseExceptions(tx, visitId, pending, actor.id);
      await notifyExceptions(notifier, tx, visit, raised);
      await deps.events.visitChanged(tx, 'visit.checked_out', [visitId], raised);
      const vitalsFlagged = input.vitals ? vitalsOutsideAlertRanges(input.vitals) : [];
      const supervisors = await notifier.supervisorsOf(tx, visit.clientId);
      const names = { client: await personName(tx, visit.clientId), worker: await personName(tx, visit.workerId) };
      if (vitalsFlagged.length > 0) {
        await notifier.notify(
          {
            userIds: supervisors,
            category: 'VITALS_ALERT',
            message: { key: 'vitalsOutOfRange', params: { ...names, vitals: vitalsFlagged.join(',') } },
            entityType: 'visit',
            entityId: visitId,
          },
          tx,
        );
      }
      if (input.followUpRequired) {
        await notifier.notify(
          {
            userIds: supervisors,
            category: 'VISIT_FOLLOW_UP',
            message: { key: 'visitFollowUp', params: names },
            entityType: 'visit',
            entityId: visitId,
          },
          tx,
        );
      }
      const { clientSignature, ...audited } = documentation;
      await audit.record(
        {
          action: 'VISIT_CHECKED_OUT',
          entityType: 'visit',
          entityId: visitId,
          classification: 'PHI',
          oldValues: { status: visit.status },
          newValues: {
            status: updated.status,
            ...checkOut,
            ...audited,
            // The image itself is kept on the visit; the trail keeps its fingerprint.
            clientSignatureSha256: clientSignature ? createHash('sha256').update(clientSignature).digest('hex') : null,
          },
          metadata: { exceptions: raised.map((e) => e.type), vitalsFlagged },
        },
        tx,
      );
      return {
        ...evvState(updated, raised, config),
        performedActivities: updated.performedActivities.map((a) => ({ ...a, note: a.note ?? null })),
        followUpRequired: updated.followUpRequired,
        vitalsFlagged,
      };
    });
  };
}
