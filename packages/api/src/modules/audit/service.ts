import type { Database, Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { canReadAudit, type DataClassification } from '@caretracker/shared';
import { sql } from 'drizzle-orm';
import { type Actor, currentContext } from '../../context/request-context';
import { ForbiddenError } from '../../errors/app-errors';
import { batchWhileBusy } from '../../infra/batch-while-busy';
import { type AuditListQuery, type AuditRow, listAuditRows, peopleNamedBy } from './queries';
import { auditEntityId, auditMetadata, auditRecordValues } from './values';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  classification: DataClassification;
  outcome?: 'SUCCESS' | 'FAILURE' | 'DENIED';
  oldValues?: Record<string, unknown> | null;
  newValues?: Record<string, unknown> | null;
  metadata?: Record<string, unknown> | null;
  /** Overrides the request's actor (a login attempt has no actor yet). */
  actor?: { id: string | null; role: string | null };
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** The fields whose values differ, as `{ oldValues, newValues }` holding only those fields. */
export function changedValues(before: Record<string, unknown>, after: Record<string, unknown>) {
  const oldValues: Record<string, unknown> = {};
  const newValues: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(normalise(before[key])) !== JSON.stringify(normalise(after[key]))) {
      oldValues[key] = before[key] ?? null;
      newValues[key] = after[key] ?? null;
    }
  }
  return { oldValues, newValues };
}

export type AuditService = ReturnType<typeof createAuditService>;

/**
 * Writes audit rows (shaped by `values.ts`: no secrets, no prose, no session ids) and reads them
 * back for the people allowed to. Pass the operation's transaction so the row commits or rolls
 * back with the change it describes; who, from where and which request come from the request context.
 */
export function createAuditService(deps: { db: Database; phiReadsAudited: boolean }) {
  type AuditRowValues = typeof schema.auditLog.$inferInsert;
  const insertRows = (executor: Executor, rows: AuditRowValues[]) => executor.insert(schema.auditLog).values(rows);

  // Rows written outside a transaction (reads, refusals, sign-ins) that arrive while others are
  // being written go in together, one statement for many requests; each caller still returns only
  // once its row is committed. If the statement fails, each row is tried alone, so one bad row
  // fails only its own request.
  const insertOutsideTransaction = batchWhileBusy<AuditRowValues, { failed?: unknown }>(
    async (rows) => {
      try {
        await insertRows(deps.db, rows);
        return rows.map(() => ({}));
      } catch (error) {
        if (rows.length === 1) throw error;
        const alone = await Promise.allSettled(rows.map((row) => insertRows(deps.db, [row])));
        return alone.map((outcome) => (outcome.status === 'rejected' ? { failed: outcome.reason } : {}));
      }
    },
    { maxBatch: 200, maxInFlight: 2 },
  );

  async function record(event: AuditEvent, executor: Executor = deps.db): Promise<void> {
    const context = currentContext();
    const row: AuditRowValues = {
      action: event.action,
      entityType: event.entityType,
      entityId: auditEntityId(event.entityType, event.entityId),
      outcome: event.outcome ?? 'SUCCESS',
      oldValues: auditRecordValues(event.oldValues),
      newValues: auditRecordValues(event.newValues),
      metadata: auditMetadata(event.metadata),
      dataClassification: event.classification,
      actorId: event.actor ? event.actor.id : (context.actor?.id ?? null),
      actorRole: event.actor ? event.actor.role : (context.actor?.role ?? null),
      ipAddress: context.ip,
      userAgent: context.userAgent,
      requestId: context.requestId,
    };
    // In a transaction the row commits or rolls back with the change it describes.
    if (executor !== deps.db) await insertRows(executor, [row]);
    else {
      const { failed } = await insertOutsideTransaction(row);
      if (failed) throw failed;
    }
  }

  async function recordDenied(entityType: string, entityId: string | null, reason: string) {
    await record({
      action: 'PERMISSION_DENIED',
      entityType,
      entityId,
      classification: 'SECURITY',
      outcome: 'DENIED',
      metadata: { reason },
    });
  }

  /** Re-computes every row's hash and link; lists the rows that no longer match. */
  async function verifyChain() {
    type Broken = { seq: string; id: string; content_changed: boolean; link_broken: boolean; gap_before: boolean };
    const broken = (await deps.db.execute(
      sql`select seq, id, content_changed, link_broken, gap_before from audit_log_broken_links
          where content_changed or link_broken or gap_before order by seq limit 1000`,
    )) as unknown as { rows: Broken[] };
    const counted = (await deps.db.execute(sql`select count(*)::text as count from audit_log`)) as unknown as {
      rows: Array<{ count: string }>;
    };
    return {
      valid: broken.rows.length === 0,
      checked: Number(counted.rows[0]?.count ?? 0),
      broken: broken.rows.map((row) => ({
        seq: Number(row.seq),
        id: row.id,
        reason: row.content_changed ? 'content_changed' : row.link_broken ? 'link_broken' : 'gap_before',
      })),
    };
  }

  return {
    record,
    recordDenied,
    verifyChain,
    /** A read of PHI; skipped only when HIPAA_AUDIT_ENABLED is false. */
    async recordPhiRead(entityType: string, entityId: string, executor?: Executor) {
      if (!deps.phiReadsAudited) return;
      await record({ action: 'PHI_READ', entityType, entityId, classification: 'PHI' }, executor);
    },

    /** Audit events, newest first: admins read every row, supervisors their team's; others are refused. */
    async list(actor: Actor, query: AuditListQuery) {
      if (!canReadAudit(actor.role)) {
        await recordDenied('audit_log', null, 'role may not read the audit log');
        throw new ForbiddenError();
      }
      const { rows, total } = await listAuditRows(deps.db, actor, query);
      const named = await peopleNamedBy(deps.db, actor, rows);
      return {
        data: rows.map((row) => ({
          ...auditEntryView(row),
          actor: (row.actorId && named.actors.get(row.actorId)) || null,
          subject: (row.entityType === 'user' && row.entityId && named.subjects.get(row.entityId)) || null,
        })),
        pagination: { page: query.page, limit: query.limit, total, totalPages: Math.ceil(total / query.limit) },
      };
    },

    /** Only admins verify the chain; the verification is itself recorded. */
    async verify(actor: Actor) {
      if (actor.role !== 'ADMIN') {
        await recordDenied('audit_log', null, 'only admins verify the audit chain');
        throw new ForbiddenError();
      }
      const result = await verifyChain();
      await record({
        action: 'AUDIT_VERIFIED',
        entityType: 'audit_log',
        classification: 'SECURITY',
        metadata: { valid: result.valid, checked: result.checked },
      });
      return result;
    },
  };
}

/**
 * A row as readers see it: the rules rows are written by apply again, so rows written before a
 * rule existed (a message's text, a session id) answer in the same shape as new ones. The stored
 * row is untouched, so its hash still verifies.
 */
function auditEntryView(row: AuditRow) {
  return {
    ...row,
    entityId: auditEntityId(row.entityType, row.entityId),
    oldValues: auditRecordValues(row.oldValues),
    newValues: auditRecordValues(row.newValues),
    metadata: auditMetadata(row.metadata),
    occurredAt: row.occurredAt.toISOString(),
  };
}
