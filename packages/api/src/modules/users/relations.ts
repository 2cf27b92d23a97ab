import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { UserRelation } from '@caretracker/shared';
import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';

const { users, careTeamAssignments } = schema;

/** Clients with a live care-team assignment to the given worker. */
export function assignedClientIds(workerId: string) {
  return sql`(select ${careTeamAssignments.clientId} from ${careTeamAssignments}
    where ${careTeamAssignments.workerId} = ${workerId} and ${careTeamAssignments.deletedAt} is null
    and (${careTeamAssignments.endsOn} is null or ${careTeamAssignments.endsOn} >= current_date))`;
}

/**
 * A supervisor's team: the workers and clients whose `supervisor_id` is theirs, and the clients
 * those workers are assigned to.
 */
export function supervisedUserIds(supervisorId: string) {
  return sql`(select ${users.id} from ${users} where ${users.supervisorId} = ${supervisorId} and ${users.deletedAt} is null
    union
    select cta.client_id from ${careTeamAssignments} cta join ${users} w on w.id = cta.worker_id
    where w.supervisor_id = ${supervisorId} and cta.deleted_at is null and w.deleted_at is null
    and (cta.ends_on is null or cta.ends_on >= current_date))`;
}

/** SQL condition on `users` selecting the records the actor may see at all. */
export function visibleUsersCondition(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'ADMIN':
      return undefined;
    case 'SUPERVISOR':
      return or(eq(users.id, actor.id), inArray(users.id, supervisedUserIds(actor.id)));
    case 'WORKER':
      return or(eq(users.id, actor.id), and(eq(users.role, 'CLIENT'), inArray(users.id, assignedClientIds(actor.id))));
    case 'CLIENT':
      return eq(users.id, actor.id);
  }
}

/**
 * The relation to a record already known to pass `visibleUsersCondition`. An admin's relation to
 * others stays `none`: the matrix grants admins every group on it.
 */
export function relationToVisible(actor: Actor, targetId: string): UserRelation {
  if (actor.id === targetId) return 'self';
  if (actor.role === 'SUPERVISOR') return 'team';
  if (actor.role === 'WORKER') return 'assigned';
  return 'none';
}

/** How the actor relates to one user record; a relation the matrix grants nothing keeps it hidden (404). */
export async function relationTo(executor: Executor, actor: Actor, targetId: string): Promise<UserRelation> {
  if (actor.id === targetId) return 'self';
  if (actor.role === 'ADMIN') return 'none';
  if (actor.role === 'CLIENT') return 'none';
  const condition = visibleUsersCondition(actor);
  const [row] = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, targetId), isNull(users.deletedAt), condition));
  if (!row) return 'none';
  return relationToVisible(actor, targetId);
}
