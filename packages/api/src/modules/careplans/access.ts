import { schema } from '@caretracker/database';
import type { Role } from '@caretracker/shared';
import { and, eq, inArray, ne, type SQL } from 'drizzle-orm';
import { type Actor, ownClientId } from '../../context/request-context';
import { assignedClientIds, supervisedUserIds } from '../users/relations';

const { carePlans } = schema;

/**
 * SQL condition on `care_plans` selecting the plans the actor may see at all (outsiders get 404):
 * admins all; supervisors their clients'; workers the ACTIVE plans of clients assigned to them;
 * clients their own, except drafts.
 */
export function visibleCarePlansCondition(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'ADMIN':
      return undefined;
    case 'SUPERVISOR':
      return inArray(carePlans.clientId, supervisedUserIds(actor.id));
    case 'WORKER':
      return and(eq(carePlans.status, 'ACTIVE'), inArray(carePlans.clientId, assignedClientIds(actor.id)));
    case 'CLIENT':
      return and(eq(carePlans.clientId, ownClientId(actor)), ne(carePlans.status, 'DRAFT'));
  }
}

/** Create, update, approve and change status: the client's supervisor or an admin. */
export const managesCarePlans = (role: Role) => role === 'SUPERVISOR' || role === 'ADMIN';

/** Who sees the staff-only fields of a plan (approver, status reason, authors) and its version history. */
export const seesStaffFields = managesCarePlans;
