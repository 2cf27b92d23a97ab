import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { and, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { supervisedUserIds } from '../users/relations';

const { auditLog } = schema;

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditListQuery {
  page: number;
  limit: number;
  actorId?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
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

/** One page of audit rows the actor may read, newest first, with the total. */
export async function listAuditRows(db: Executor, actor: Actor, q: AuditListQuery) {
  const where = and(
    q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.outcome ? eq(auditLog.outcome, q.outcome) : undefined,
    q.from ? gte(auditLog.occurredAt, new Date(q.from)) : undefined,
    q.to ? lte(auditLog.occurredAt, new Date(q.to)) : undefined,
    readableBy(actor),
  );
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
