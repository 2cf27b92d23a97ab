import { schema } from '@caretracker/database';
import { type Column, eq, or, type SQL, sql } from 'drizzle-orm';
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
    case 'SUPERVISOR':
      return or(inTeam(visits.clientId, actor.id), inTeam(visits.workerId, actor.id));
    case 'WORKER':
      return eq(visits.workerId, actor.id);
    case 'CLIENT':
      return eq(visits.clientId, ownClientId(actor));
  }
}

/**
 * The column names one of the supervisor's team. As `= any(array(…))` rather than `in (…)`: the
 * team is computed once, as an array, and the visits' client and worker indexes can seek to its
 * members (a bitmap OR of the two), where `in (sub-query)` filtered every visit of the range, or
 * of the whole table, against the team (the overview: 1.4–2.9 s for a supervisor at 1 M visits,
 * 0.15 s this way).
 */
function inTeam(column: Column, supervisorId: string): SQL {
  return sql`${column} = any(array${supervisedUserIds(supervisorId)})`;
}
