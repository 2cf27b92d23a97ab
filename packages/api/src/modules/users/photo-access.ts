import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { type Actor, ownClientId } from '../../context/request-context';
import { visibleUsersCondition } from './relations';

const { users, visits, careTeamAssignments } = schema;

/**
 * Whether the actor may see a person's photo: the person, whoever may see their record (admins,
 * their supervisor, a worker's assigned clients), and a client whose care team or visits the
 * person is in (a client, or a family member acting for them, learns who is coming). Anyone
 * else: not found.
 */
export async function maySeePhoto(db: Executor, actor: Actor, userId: string): Promise<boolean> {
  if (actor.id === userId) return true;
  const me = ownClientId(actor);
  const knownToClient =
    actor.role === 'CLIENT'
      ? or(
          sql`exists (select 1 from ${visits} where ${visits.clientId} = ${me} and ${visits.workerId} = ${users.id}
            and ${visits.deletedAt} is null)`,
          sql`exists (select 1 from ${careTeamAssignments} where ${careTeamAssignments.clientId} = ${me}
            and ${careTeamAssignments.workerId} = ${users.id} and ${careTeamAssignments.deletedAt} is null
            and (${careTeamAssignments.endsOn} is null or ${careTeamAssignments.endsOn} >= current_date))`,
        )
      : undefined;
  const visible = knownToClient ? or(visibleUsersCondition(actor), knownToClient) : visibleUsersCondition(actor);
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt), visible));
  return Boolean(row);
}
