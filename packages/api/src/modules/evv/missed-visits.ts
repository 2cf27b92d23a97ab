import { schema } from '@caretracker/database';
import { and, inArray, isNull, lt } from 'drizzle-orm';
import type { Job } from '../jobs/runner';
import { personName } from '../notifications/wording';
import { raiseExceptions } from './exceptions';
import type { EvvDeps } from './service';

const { visits } = schema;
const BATCH = 200;

/**
 * Flags visits not checked in within the tolerance and tells their supervisor, once per visit.
 * The UPDATE re-checks the condition and skips rows another replica holds, so two replicas
 * running at once never alert twice. Answers the number flagged.
 */
export function missedVisitsJob(deps: EvvDeps): Job {
  const { db, config, audit, notifier } = deps;

  async function flagBatch(now: Date) {
    const overdue = and(
      inArray(visits.status, ['SCHEDULED', 'CONFIRMED']),
      lt(visits.scheduledStart, new Date(now.getTime() - config.EVV_TOLERANCE_MINUTES * 60_000)),
      isNull(visits.checkInAt),
      isNull(visits.missedAlertedAt),
      isNull(visits.deletedAt),
    );
    return db.transaction(async (tx) => {
      const candidates = tx
        .select({ id: visits.id })
        .from(visits)
        .where(overdue)
        .orderBy(visits.scheduledStart)
        .limit(BATCH)
        .for('update', { skipLocked: true });
      // A system flag, not an edit: the visit's version stays, so nobody's open form goes stale.
      const flagged = await tx
        .update(visits)
        .set({ missedAlertedAt: now })
        .where(and(inArray(visits.id, candidates), overdue))
        .returning({
          id: visits.id,
          clientId: visits.clientId,
          workerId: visits.workerId,
          scheduledStart: visits.scheduledStart,
        });
      for (const visit of flagged) {
        const detail = {
          scheduledStart: visit.scheduledStart.toISOString(),
          toleranceMinutes: config.EVV_TOLERANCE_MINUTES,
          detectedAt: now.toISOString(),
        };
        const raised = await raiseExceptions(tx, visit.id, [{ type: 'MISSED_CHECKIN', detail }], null);
        await deps.events.visitChanged(tx, 'evv.exception', [visit.id], raised);
        await audit.record(
          {
            action: 'VISIT_MISSED_FLAGGED',
            entityType: 'visit',
            entityId: visit.id,
            classification: 'PHI',
            newValues: { missedAlertedAt: now },
          },
          tx,
        );
      }
      return flagged;
    });
  }

  return {
    name: 'missed-visits',
    intervalMs: 60_000,
    async run(now: Date) {
      let total = 0;
      for (;;) {
        const flagged = await flagBatch(now);
        // After commit: urgent notifications also email, which must not wait on the open transaction.
        for (const visit of flagged) {
          await notifier.notify({
            userIds: await notifier.supervisorsOf(db, visit.clientId),
            category: 'MISSED_VISIT',
            message: {
              key: 'visitMissed',
              params: {
                client: await personName(db, visit.clientId),
                worker: await personName(db, visit.workerId),
                start: visit.scheduledStart.toISOString(),
              },
            },
            entityType: 'visit',
            entityId: visit.id,
            urgent: true,
          });
        }
        total += flagged.length;
        if (flagged.length < BATCH) return total;
      }
    },
  };
}
