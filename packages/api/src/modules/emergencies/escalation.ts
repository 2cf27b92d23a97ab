import { schema } from '@caretracker/database';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Job } from '../jobs/runner';
import type { ModuleDeps } from '../module-deps';
import { activeUserIds } from '../notifications/service';
import { personName } from '../notifications/wording';
import { addEvent } from './queries';

const { emergencyAlerts } = schema;

/**
 * Escalates alerts still OPEN (nobody acknowledged them) EMERGENCY_ESCALATION_MINUTES after they
 * were raised: every admin and supervisor is told, urgently. The claim is one conditional UPDATE,
 * so an alert acknowledged meanwhile is skipped and two replicas escalate it once.
 */
export function emergencyEscalationJob(deps: Pick<ModuleDeps, 'db' | 'config' | 'audit' | 'notifier'>): Job {
  const { db, config, audit, notifier } = deps;
  const minutes = config.EMERGENCY_ESCALATION_MINUTES;
  return {
    name: 'emergency-escalation',
    intervalMs: 30_000,
    async run(now: Date) {
      const cutoff = new Date(now.getTime() - minutes * 60_000);
      const { escalated, staged, everyone } = await db.transaction(async (tx) => {
        const escalated = await tx
          .update(emergencyAlerts)
          .set({ escalatedAt: now, updatedAt: now })
          .where(
            and(
              eq(emergencyAlerts.status, 'OPEN'),
              isNull(emergencyAlerts.escalatedAt),
              isNull(emergencyAlerts.deletedAt),
              lt(emergencyAlerts.createdAt, cutoff),
            ),
          )
          .returning();
        if (escalated.length === 0) return { escalated, staged: [], everyone: [] };
        const everyone = await activeUserIds(tx, ['ADMIN', 'SUPERVISOR']);
        const staged = [];
        for (const alert of escalated) {
          await addEvent(tx, {
            alertId: alert.id,
            type: 'ESCALATED',
            actorId: null,
            note: `Unacknowledged after ${minutes} min; told every admin and supervisor (${everyone.length})`,
          });
          await audit.record(
            {
              action: 'EMERGENCY_ESCALATED',
              entityType: 'emergency_alert',
              entityId: alert.id,
              classification: 'PHI',
              newValues: { escalatedAt: now, recipientCount: everyone.length },
            },
            tx,
          );
          staged.push(
            await notifier.stage(
              {
                userIds: everyone,
                category: 'EMERGENCY',
                message: {
                  key: 'emergencyEscalated',
                  params: { client: await personName(tx, alert.clientId), at: alert.createdAt.toISOString(), minutes },
                },
                entityType: 'emergency_alert',
                entityId: alert.id,
                urgent: true,
              },
              tx,
            ),
          );
        }
        return { escalated, staged, everyone };
      });
      // After commit: urgent email and live listeners.
      for (const item of staged) await item.deliver();
      for (const alert of escalated) {
        notifier.publish({
          type: 'emergency.changed',
          userIds: everyone,
          alertId: alert.id,
          status: alert.status,
          event: 'ESCALATED',
        });
      }
      return { escalated: escalated.length };
    },
  };
}
