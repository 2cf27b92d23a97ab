import { schema } from '@caretracker/database';
import { eq, inArray, or, type SQL } from 'drizzle-orm';
import { type Actor, ownClientId } from '../../context/request-context';
import { supervisedUserIds } from '../users/relations';

const { visits } = schema;

/**
 * SQL condition on `visits` selecting those the actor may see at all (outsiders get 404):
 * admins all; supervisors their team's (client or worker in the team); workers their own
 * assignments; clients their own visits.
 */
export function visibleVisitsCondition(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'ADMIN':
      return undefined;
    case 'SUPERVISOR': {
      const team = supervisedUserIds(actor.id);
      return or(inArray(visits.clientId, team), inArray(visits.workerId, team));
    }
    case 'WORKER':
      return eq(visits.workerId, actor.id);
    case 'CLIENT':
      return eq(visits.clientId, ownClientId(actor));
  }
}
