import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { RaiseEmergencyBody } from '@caretracker/shared';
import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import type { AuditService } from '../audit/service';
import { type AlertRow, addEvent } from './queries';

const { emergencyAlerts, users } = schema;

/**
 * The unresolved alert a new press for this client and visit joins: raised within the last
 * `windowMinutes`, newest first. Call inside the raising transaction: it first locks the client's
 * row, so parallel presses for one client queue here and each sees the alert the first created
 * (READ COMMITTED reads afresh after the wait). `NO KEY UPDATE` leaves rows referencing the client
 * free to be written meanwhile.
 */
export async function alertToJoin(
  tx: Executor,
  clientId: string,
  visitId: string | null,
  windowMinutes: number,
): Promise<AlertRow | undefined> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, clientId)).for('no key update');
  const [open] = await tx
    .select()
    .from(emergencyAlerts)
    .where(
      and(
        eq(emergencyAlerts.clientId, clientId),
        visitId ? eq(emergencyAlerts.visitId, visitId) : isNull(emergencyAlerts.visitId),
        ne(emergencyAlerts.status, 'RESOLVED'),
        isNull(emergencyAlerts.deletedAt),
        gt(emergencyAlerts.createdAt, new Date(Date.now() - windowMinutes * 60_000)),
      ),
    )
    .orderBy(desc(emergencyAlerts.createdAt))
    .limit(1);
  return open;
}

/** A repeated press: one more timeline event and audit row on the open alert; nobody is emailed again. */
export async function recordRepeat(
  tx: Executor,
  audit: AuditService,
  alert: AlertRow,
  actor: Actor,
  body: RaiseEmergencyBody,
): Promise<void> {
  await addEvent(tx, { alertId: alert.id, type: 'REPEATED', actorId: actor.id, note: body.message ?? null });
  await audit.record(
    {
      action: 'EMERGENCY_REPEATED',
      entityType: 'emergency_alert',
      entityId: alert.id,
      classification: 'PHI',
      newValues: { raisedBy: actor.id, message: body.message ?? null, lat: body.lat ?? null, lng: body.lng ?? null },
    },
    tx,
  );
}
