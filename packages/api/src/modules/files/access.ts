import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { FileEntityType } from '@caretracker/shared';
import { and, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, ownClientId } from '../../context/request-context';
import { supervisedUserIds } from '../users/relations';

const { files, visits, expenses, budgets, conversations, conversationParticipants, users } = schema;

const ofType = (type: FileEntityType, ids: SQL | SQL.Aliased | ReturnType<typeof sql>) =>
  and(eq(files.entityType, type), inArray(files.entityId, ids));

const visitsWhere = (condition: SQL) => sql`(select ${visits.id} from ${visits} where ${condition})`;
const expensesOfClients = (clients: SQL) =>
  sql`(select e.id from ${expenses} e join ${budgets} b on b.id = e.budget_id where b.client_id in ${clients})`;
/** The conversations a user takes part in now (leaving one ends its files too). */
const conversationsOf = (userId: string) =>
  sql`(select ${conversationParticipants.conversationId} from ${conversationParticipants}
    where ${conversationParticipants.userId} = ${userId} and ${conversationParticipants.leftAt} is null
    and ${conversationParticipants.deletedAt} is null)`;

/**
 * SQL condition on `files` selecting what the actor may see (PRODUCT.md, files row): clients
 * their own and their entities' (profile, visits, budgets' expenses); workers what they uploaded
 * plus the files of visits they work; supervisors their team's clients' and workers'; admins all.
 * Files attached to a conversation follow the conversation: its current participants (and
 * admins) only, whoever the conversation is about and whoever uploaded them.
 */
export function visibleFilesCondition(actor: Actor): SQL | undefined {
  const me = actor.id;
  switch (actor.role) {
    case 'ADMIN':
      return undefined;
    case 'CLIENT': {
      // A family member sees the files of the client they act for, and their own thread files.
      const client = ownClientId(actor);
      const self = sql`(select ${client}::uuid)`;
      return or(
        and(inArray(files.entityType, ['CLIENT', 'PROFILE']), eq(files.entityId, client)),
        ofType('VISIT', visitsWhere(sql`${visits.clientId} = ${client}`)),
        ofType('EXPENSE', expensesOfClients(self)),
        ofType('MESSAGE', conversationsOf(me)),
      );
    }
    case 'WORKER':
      return or(
        and(eq(files.uploadedBy, me), ne(files.entityType, 'MESSAGE')),
        and(eq(files.entityType, 'PROFILE'), eq(files.entityId, me)),
        ofType('VISIT', visitsWhere(sql`${visits.workerId} = ${me}`)),
        ofType('MESSAGE', conversationsOf(me)),
      );
    case 'SUPERVISOR': {
      const team = supervisedUserIds(me);
      const people = sql`(select ${me}::uuid union ${team})`;
      return or(
        ofType('CLIENT', team),
        ofType('PROFILE', people),
        ofType('VISIT', visitsWhere(sql`${visits.clientId} in ${team} or ${visits.workerId} in ${team}`)),
        ofType('EXPENSE', expensesOfClients(team)),
        ofType('MESSAGE', conversationsOf(me)),
      );
    }
  }
}

export type EntityAccess = 'none' | 'read' | 'write';

/**
 * What the actor may do with the entity a file hangs on: `write` (attach files), `read`, or
 * `none` (also when it does not exist: the caller answers 404 either way). The same rules as
 * `visibleFilesCondition`, asked of the entity itself.
 */
export async function entityAccess(
  db: Executor,
  actor: Actor,
  entityType: FileEntityType,
  entityId: string,
): Promise<EntityAccess> {
  const me = actor.id;
  const team = supervisedUserIds(me);
  const byRole = (rules: Record<Actor['role'], SQL | undefined | false>) => rules[actor.role];
  const found = async (query: PromiseLike<unknown[]>) => (await query).length > 0;
  const write = (ok: boolean): EntityAccess => (ok ? 'write' : 'none');

  switch (entityType) {
    case 'CLIENT':
    case 'PROFILE': {
      const visible = byRole({
        ADMIN: undefined,
        SUPERVISOR: or(eq(users.id, me), inArray(users.id, team)),
        WORKER: eq(users.id, me),
        CLIENT: eq(users.id, ownClientId(actor)),
      });
      if (visible === false) return 'none';
      const role = entityType === 'CLIENT' ? eq(users.role, 'CLIENT') : undefined;
      const where = and(eq(users.id, entityId), isNull(users.deletedAt), role, visible);
      if (!(await found(db.select({ id: users.id }).from(users).where(where)))) return 'none';
      // A family member reads the client's own files but does not change the client's record.
      return actor.actsForClientId ? 'read' : 'write';
    }
    case 'VISIT': {
      const visible = byRole({
        ADMIN: undefined,
        SUPERVISOR: or(inArray(visits.clientId, team), inArray(visits.workerId, team)),
        WORKER: eq(visits.workerId, me),
        CLIENT: eq(visits.clientId, ownClientId(actor)),
      });
      if (visible === false) return 'none';
      const where = and(eq(visits.id, entityId), isNull(visits.deletedAt), visible);
      return write(await found(db.select({ id: visits.id }).from(visits).where(where)));
    }
    case 'EXPENSE': {
      const visible = byRole({
        ADMIN: undefined,
        SUPERVISOR: inArray(budgets.clientId, team),
        WORKER: false,
        CLIENT: eq(budgets.clientId, ownClientId(actor)),
      });
      if (visible === false) return 'none';
      const where = and(eq(expenses.id, entityId), isNull(expenses.deletedAt), visible);
      const query = db
        .select({ id: expenses.id })
        .from(expenses)
        .innerJoin(budgets, eq(budgets.id, expenses.budgetId))
        .where(where);
      if (!(await found(query))) return 'none';
      // Clients read their budgets but do not write them: receipts come from the office.
      return actor.role === 'CLIENT' ? 'read' : 'write';
    }
    case 'MESSAGE': {
      // As the conversation itself: participants read and write; admins read any until they join.
      const [row] = await db
        .select({ participant: sql<boolean>`${conversations.id} in ${conversationsOf(me)}` })
        .from(conversations)
        .where(and(eq(conversations.id, entityId), isNull(conversations.deletedAt)));
      if (!row) return 'none';
      if (row.participant) return 'write';
      return actor.role === 'ADMIN' ? 'read' : 'none';
    }
  }
}
