import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { type Actor, ownClientId } from '../../context/request-context';
import { familyUserIdsOf } from '../family/queries';
import { assignedClientIds, supervisedUserIds } from '../users/relations';

const { users, careTeamAssignments, conversationParticipants } = schema;

/**
 * Family contacts have no role of their own: they are CLIENT-role accounts that staff create in the
 * client's team (same supervisor) and add to a conversation. A conversation is read only by its
 * current participants and by admins.
 */

/** The live participation of a user in a conversation, if any. */
export async function participationOf(executor: Executor, conversationId: string, userId: string) {
  const [row] = await executor
    .select()
    .from(conversationParticipants)
    .where(
      and(
        eq(conversationParticipants.conversationId, conversationId),
        eq(conversationParticipants.userId, userId),
        isNull(conversationParticipants.leftAt),
        isNull(conversationParticipants.deletedAt),
      ),
    );
  return row;
}

/** May the actor open a conversation about this client? (It must be a live CLIENT-role user.) */
export async function mayOpenConversationAbout(executor: Executor, actor: Actor, clientId: string): Promise<boolean> {
  const scope = (() => {
    switch (actor.role) {
      case 'ADMIN':
        return undefined;
      case 'SUPERVISOR':
        return inArray(users.id, supervisedUserIds(actor.id));
      case 'WORKER':
        return inArray(users.id, assignedClientIds(actor.id));
      case 'CLIENT':
        return eq(users.id, ownClientId(actor));
    }
  })();
  const [row] = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, clientId), eq(users.role, 'CLIENT'), isNull(users.deletedAt), scope));
  return Boolean(row);
}

/** Add and remove participants: admins, and supervisors whose team the client is in. */
export async function managesParticipants(executor: Executor, actor: Actor, clientId: string): Promise<boolean> {
  if (actor.role === 'ADMIN') return true;
  if (actor.role !== 'SUPERVISOR') return false;
  const [row] = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, clientId), inArray(users.id, supervisedUserIds(actor.id))));
  return Boolean(row);
}

/** The client's care team as a conversation starts: the client, their live workers, their supervisor and family members acting for them. */
export async function careTeamOf(executor: Executor, clientId: string): Promise<string[]> {
  const [client] = await executor
    .select({ supervisorId: users.supervisorId })
    .from(users)
    .where(eq(users.id, clientId));
  const workers = await executor
    .select({ id: users.id })
    .from(careTeamAssignments)
    .innerJoin(users, eq(users.id, careTeamAssignments.workerId))
    .where(
      and(
        eq(careTeamAssignments.clientId, clientId),
        isNull(careTeamAssignments.deletedAt),
        sql`(${careTeamAssignments.endsOn} is null or ${careTeamAssignments.endsOn} >= current_date)`,
        eq(users.isActive, true),
        isNull(users.deletedAt),
      ),
    );
  const family = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, familyUserIdsOf(clientId)), eq(users.isActive, true), isNull(users.deletedAt)));
  return [
    clientId,
    ...workers.map((w) => w.id),
    ...(client?.supervisorId ? [client.supervisorId] : []),
    ...family.map((f) => f.id),
  ];
}

/**
 * Who may join a conversation about the client: the client; workers assigned to them; their
 * supervisor; any admin; family members acting for them; and family contacts (CLIENT-role users in the same supervisor's team).
 */
export async function mayParticipate(executor: Executor, clientId: string, userId: string): Promise<boolean> {
  const [client] = await executor
    .select({ supervisorId: users.supervisorId })
    .from(users)
    .where(eq(users.id, clientId));
  const supervisorId = client?.supervisorId ?? null;
  const [row] = await executor
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, userId),
        eq(users.isActive, true),
        isNull(users.deletedAt),
        or(
          eq(users.id, clientId),
          inArray(users.id, familyUserIdsOf(clientId)),
          eq(users.role, 'ADMIN'),
          and(eq(users.role, 'WORKER'), inArray(users.id, assignedWorkerIds(clientId))),
          supervisorId ? eq(users.id, supervisorId) : undefined,
          supervisorId ? and(eq(users.role, 'CLIENT'), eq(users.supervisorId, supervisorId)) : undefined,
        ),
      ),
    );
  return Boolean(row);
}

function assignedWorkerIds(clientId: string) {
  return sql`(select ${careTeamAssignments.workerId} from ${careTeamAssignments}
    where ${careTeamAssignments.clientId} = ${clientId} and ${careTeamAssignments.deletedAt} is null
    and (${careTeamAssignments.endsOn} is null or ${careTeamAssignments.endsOn} >= current_date))`;
}
