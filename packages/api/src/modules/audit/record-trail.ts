import type { Database, Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { type AuditTrail, type AuditTrailQuery, canReadAudit } from '@caretracker/shared';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { ForbiddenError, NotFoundError } from '../../errors/app-errors';
import { visibleUsersCondition } from '../users/relations';
import type { AuditService } from './service';
import { auditEntityId, auditMetadata, auditRecordValues } from './values';

const { users } = schema;

interface TrailRow {
  id: string;
  seq: string | number;
  occurred_at: Date | string;
  actor_id: string | null;
  actor_role: string | null;
  first_name: string | null;
  last_name: string | null;
  action: string;
  outcome: string;
  entity_type: string;
  entity_id: string | null;
  old_values: unknown;
  new_values: unknown;
  metadata: Record<string, unknown> | null;
  ip_address: string | null;
  request_id: string | null;
}

/**
 * The audit rows about one person: rows naming the user record, and (scope `all`) rows naming
 * the records about them. Each branch is an equality lookup on `audit_log_entity_idx`
 * (entity_type, entity_id), so the trail never walks the whole log.
 */
function trailSource(userId: string, scope: AuditTrailQuery['scope']): SQL {
  const id = sql`${userId}::uuid`;
  const about = (entityType: string | string[], ids: SQL) =>
    sql`select a.* from audit_log a join (${ids}) r on a.entity_id = r.eid
      where a.entity_type in (${sql.join(
        [entityType].flat().map((type) => sql`${type}`),
        sql`, `,
      )})`;
  const branches = [
    sql`select a.* from audit_log a where a.entity_type in ('user', 'report', 'care_team') and a.entity_id = ${userId}`,
  ];
  if (scope === 'all') {
    branches.push(
      about(['visit', 'visit_medications'], sql`select id::text as eid from visits where client_id = ${id}`),
      about('care_plan', sql`select id::text as eid from care_plans where client_id = ${id}`),
      about('budget', sql`select id::text as eid from budgets where client_id = ${id}`),
      about('emergency_alert', sql`select id::text as eid from emergency_alerts where client_id = ${id}`),
      about('conversation', sql`select id::text as eid from conversations where client_id = ${id}`),
      about('file', sql`select id::text as eid from files where entity_type = 'CLIENT' and entity_id = ${id}`),
    );
  }
  return sql.join(branches, sql` union all `);
}

async function trailRows(executor: Executor, userId: string, query: AuditTrailQuery): Promise<TrailRow[]> {
  const result = (await executor.execute(sql`
    select t.id, t.seq, t.occurred_at, t.actor_id, t.actor_role, u.first_name, u.last_name, t.action, t.outcome,
      t.entity_type, t.entity_id, t.old_values, t.new_values, t.metadata, t.ip_address, t.request_id
    from (${trailSource(userId, query.scope)}) t
    left join users u on u.id = t.actor_id
    ${query.before ? sql`where t.seq < ${query.before}` : sql``}
    order by t.seq desc
    limit ${query.limit + 1}`)) as unknown as { rows: TrailRow[] };
  return result.rows;
}

/**
 * `GET /users/:id/audit-trail`: the audit log's readers (admins: anyone's; supervisors: the
 * people of their team, the same team the audit log shows them) read one person's trail. Anyone
 * else is refused (403); a person outside the caller's team is a 404. Both denials are logged,
 * and each read of a trail is itself audited.
 */
export function createRecordTrail(deps: { db: Database; audit: AuditService }) {
  const { db, audit } = deps;
  return {
    async trail(actor: Actor, userId: string, query: AuditTrailQuery): Promise<AuditTrail> {
      if (!canReadAudit(actor.role)) {
        await audit.recordDenied('audit_log', userId, 'role may not read the audit log');
        throw new ForbiddenError();
      }
      const [person] = await db
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.id, userId),
            actor.role === 'ADMIN' ? undefined : isNull(users.deletedAt),
            visibleUsersCondition(actor),
          ),
        );
      if (!person) {
        if (actor.role !== 'ADMIN') await audit.recordDenied('user', userId, 'audit trail outside the team');
        throw new NotFoundError('User');
      }
      const rows = await trailRows(db, userId, query);
      await audit.record({
        action: 'AUDIT_TRAIL_READ',
        entityType: 'user',
        entityId: userId,
        classification: 'PHI',
        metadata: { scope: query.scope, rows: Math.min(rows.length, query.limit) },
      });
      const hasMore = rows.length > query.limit;
      const entries = rows.slice(0, query.limit).map((row) => ({
        id: row.id,
        seq: Number(row.seq),
        occurredAt: new Date(row.occurred_at).toISOString(),
        actor: row.actor_id
          ? { id: row.actor_id, role: row.actor_role, firstName: row.first_name, lastName: row.last_name }
          : null,
        action: row.action,
        outcome: row.outcome,
        entityType: row.entity_type,
        // Shaped as every audit answer is (values.ts): no prose, session ids by reference.
        entityId: auditEntityId(row.entity_type, row.entity_id),
        changedFields:
          row.new_values && typeof row.new_values === 'object' ? Object.keys(row.new_values as object) : [],
        oldValues: auditRecordValues(row.old_values),
        newValues: auditRecordValues(row.new_values),
        metadata: auditMetadata(row.metadata),
        breakGlass: Boolean(row.metadata && ('breakGlassGrantId' in row.metadata || 'grantId' in row.metadata)),
        ipAddress: row.ip_address,
        requestId: row.request_id,
      }));
      return {
        userId,
        scope: query.scope,
        entries,
        page: { limit: query.limit, hasMore, nextBefore: hasMore ? (entries.at(-1)?.seq ?? null) : null },
      };
    },
  };
}
export type RecordTrail = ReturnType<typeof createRecordTrail>;
