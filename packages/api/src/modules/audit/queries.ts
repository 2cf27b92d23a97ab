import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { and, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { supervisedUserIds, visibleUsersCondition } from '../users/relations';

const { auditLog, users } = schema;

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditListQuery {
  page: number;
  limit: number;
  actorId?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** One action, or several separated by commas (the screen's "changed" covers every kind of update). */
  action?: string | undefined;
  outcome?: 'SUCCESS' | 'FAILURE' | 'DENIED' | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The rows a reader may list: admins every row; supervisors their own, their team's and those about their team. */
function readableBy(actor: Actor): SQL | undefined {
  if (actor.role === 'ADMIN') return undefined;
  if (actor.role !== 'SUPERVISOR') return sql`false`;
  const team = supervisedUserIds(actor.id);
  return or(
    eq(auditLog.actorId, actor.id),
    inArray(auditLog.actorId, team),
    // Compared as text: entity ids of other types (sessions, reports, jobs) are not all uuids.
    and(eq(auditLog.entityType, 'user'), sql`${auditLog.entityId} in (select t.id::text from ${team} as t(id))`),
  );
}

export type AuditFilters = Omit<AuditListQuery, 'page' | 'limit'>;

const actionsOf = (action: string) =>
  action
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** The filters and the actor's reach as one condition. */
export function auditWhere(actor: Actor, q: AuditFilters): SQL | undefined {
  return and(
    q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.action ? inArray(auditLog.action, actionsOf(q.action)) : undefined,
    q.outcome ? eq(auditLog.outcome, q.outcome) : undefined,
    q.from ? gte(auditLog.occurredAt, new Date(q.from)) : undefined,
    q.to ? lte(auditLog.occurredAt, new Date(q.to)) : undefined,
    readableBy(actor),
  );
}

export interface AuditPerson {
  id: string;
  role: string;
  firstName: string;
  lastName: string;
}

/**
 * The people a page of rows names, in one query each: every actor (whoever did something the
 * reader may read about), and the people the rows are about only where the reader may see them
 * (a supervisor's refused look outside the team does not name the person).
 */
export async function peopleNamedBy(
  db: Executor,
  actor: Actor,
  rows: Pick<AuditRow, 'actorId' | 'entityType' | 'entityId'>[],
) {
  const actorIds = [...new Set(rows.flatMap((row) => (row.actorId ? [row.actorId] : [])))];
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const subjectIds = [
    ...new Set(
      rows.flatMap((row) =>
        row.entityType === 'user' && row.entityId && uuid.test(row.entityId) ? [row.entityId] : [],
      ),
    ),
  ];
  const columns = { id: users.id, role: users.role, firstName: users.firstName, lastName: users.lastName };
  const [actors, subjects] = await Promise.all([
    actorIds.length ? db.select(columns).from(users).where(inArray(users.id, actorIds)) : [],
    subjectIds.length
      ? db
          .select(columns)
          .from(users)
          .where(and(inArray(users.id, subjectIds), visibleUsersCondition(actor)))
      : [],
  ]);
  return {
    actors: new Map<string, AuditPerson>(actors.map((person) => [person.id, person])),
    subjects: new Map<string, AuditPerson>(subjects.map((person) => [person.id, person])),
  };
}

/** One page of audit rows the actor may read, newest first, with the total. */
export async function listAuditRows(db: Executor, actor: Actor, q: AuditListQuery) {
  const where = auditWhere(actor, q);
  const [rows, counted] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.seq))
      .limit(q.limit)
      .offset((q.page - 1) * q.limit),
    db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { rows, total: counted[0]?.total ?? 0 };
}

/** Every row the filters select (newest first, at most `max`), for the CSV export. */
export async function exportAuditRows(db: Executor, actor: Actor, q: AuditFilters, max: number) {
  return db.select().from(auditLog).where(auditWhere(actor, q)).orderBy(desc(auditLog.seq)).limit(max);
}
