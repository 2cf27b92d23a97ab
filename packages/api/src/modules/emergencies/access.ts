import { schema } from '@caretracker/database';
import type { Role } from '@caretracker/shared';
import { eq, inArray, isNotNull, or, type SQL } from 'drizzle-orm';
import { type Actor, ownClientId } from '../../context/request-context';
import { assignedClientIds, supervisedUserIds } from '../users/relations';

const { emergencyAlerts } = schema;

/**
 * SQL condition on `emergency_alerts` selecting those the actor may see (outsiders get 404):
 * admins all; supervisors their team's clients', and every escalated one (escalation asks all of
 * them to respond); workers those they raised or about clients assigned to them; clients their own.
 */
export function visibleAlertsCondition(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'ADMIN':
      return undefined;
    case 'SUPERVISOR':
      return or(inArray(emergencyAlerts.clientId, supervisedUserIds(actor.id)), isNotNull(emergencyAlerts.escalatedAt));
    case 'WORKER':
      return or(eq(emergencyAlerts.raisedBy, actor.id), inArray(emergencyAlerts.clientId, assignedClientIds(actor.id)));
    case 'CLIENT':
      return eq(emergencyAlerts.clientId, ownClientId(actor));
  }
}

/** Acknowledge and resolve: the responders. */
export const respondsToEmergencies = (role: Role) => role === 'SUPERVISOR' || role === 'ADMIN';
