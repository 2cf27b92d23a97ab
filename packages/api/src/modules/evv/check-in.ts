import { schema } from '@caretracker/database';
import { canTransition, type checkInBodySchema, type EvvStateView } from '@caretracker/shared';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../context/request-context';
import { distanceTo, evvState, geofenceException, timingException, visitPlace } from './evv-calls';
import { exceptionsRaisedBy, notifyExceptions, type PendingException, raiseExceptions } from './exceptions';
import type { AttemptOptions } from './resume';
import type { EvvDeps } from './service';
import { illegalStatus, lockVisit, type VisitGuard } from './visit-guard';

const { visits } = schema;

export type CheckInInput = z.infer<typeof checkInBodySchema>;

/**
 * The assigned worker starts the visit: server time, device position and its distance to the
 * client's home are stamped, and exceptions raised for the supervisor. An offline replay with the
 * same Idempotency-Key is answered by the idempotency plugin and never reaches this.
 */
export function checkInOperation(deps: EvvDeps, guard: VisitGuard) {
  const { db, config, audit, notifier } = deps;
  return async function checkIn(
    actor: Actor,
    visitId: string,
    input: CheckInInput,
    options: AttemptOptions = {},
  ): Promise<EvvStateView> {
    await guard.assignedWorker(actor, await guard.visible(actor, visitId, 'check in'), 'check in');
    return db.transaction(async (tx) => {
      const visit = await lockVisit(tx, visitId);
      // The crash fell between the commit and the stored answer: the replay hears the success.
      if (
        options.resumesUnansweredAttempt &&
        visit.status === 'IN_PROGRESS' &&
        visit.checkInAt &&
        visit.updatedBy === actor.id
      ) {
        return evvState(visit, await exceptionsRaisedBy(tx, visit.id, 'CHECKIN'), config);
      }
      if (!canTransition(visit.status, 'IN_PROGRESS')) {
        throw illegalStatus(visit.status, `A ${visit.status} visit cannot be checked in`);
      }
      const now = new Date();
      const deviceAt = input.capturedAt ? new Date(input.capturedAt) : null;
      const distanceM = distanceTo(await visitPlace(tx, visit), input);
      const pending = [
        geofenceException('CHECKIN_OUTSIDE_GEOFENCE', distanceM, input, config.EVV_GEOFENCE_METERS),
        timingException('CHECKIN', now, visit.scheduledStart, config.EVV_TOLERANCE_MINUTES, deviceAt),
      ]
        .filter((p): p is PendingException => p !== null)
        // The worker's own words go with each exception, so the supervisor reads them where they resolve it.
        .map((p) => (input.workerNote ? { ...p, detail: { ...p.detail, workerNote: input.workerNote } } : p));

      // The call-in: written to the visit and kept in the audit row alike.
      const checkIn = {
        checkInAt: now,
        checkInDeviceAt: deviceAt,
        checkInLat: input.lat,
        checkInLng: input.lng,
        checkInAccuracyM: input.accuracyM,
        checkInDistanceM: distanceM,
      };
      const [updated] = await tx
        .update(visits)
        .set({
          status: 'IN_PROGRESS',
          actualStart: now,
          ...checkIn,
          updatedAt: now,
          updatedBy: actor.id,
          version: sql`${visits.version} + 1`,
        })
        .where(eq(visits.id, visitId))
        .returning();
      if (!updated) throw new Error('check-in update returned nothing');
      const raised = await raiseExceptions(tx, visitId, pending, actor.id);
      await notifyExceptions(notifier, tx, visit, raised);
      await deps.events.visitChanged(tx, 'visit.checked_in', [visitId], raised);
      await audit.record(
        {
          action: 'VISIT_CHECKED_IN',
          entityType: 'visit',
          entityId: visitId,
          classification: 'PHI',
          oldValues: { status: visit.status },
          newValues: {
            status: updated.status,
            ...checkIn,
          },
          metadata: { exceptions: raised.map((e) => e.type), workerNote: input.workerNote ?? null },
        },
        tx,
      );
      return evvState(updated, raised, config);
    });
  };
}
