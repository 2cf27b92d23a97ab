import type { Database, Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { DataClassification } from '@caretracker/shared';
import { sql } from 'drizzle-orm';
import { currentContext } from '../../context/request-context';

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

/**
 * Keys whose values never enter the audit trail, whatever table they come from: anything named
 * like a password, secret or token, a hash, and one-time codes. Clinical codes (diagnosis codes,
 * procedure codes) are kept: HIPAA wants their old and new values.
 */
const SECRET_KEYS = /password|secret|token|hash$|^(code|codes|recoveryCodes?)$/i;

export function redactSecrets(values: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!values) return null;
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      SECRET_KEYS.test(key.split('.').at(-1) ?? key) ? '[redacted]' : normalise(value),
    ]),
  );
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
 * Writes audit rows. Pass the operation's transaction so the row commits or rolls back with
 * the change it describes; who, from where and which request come from the request context.
 */
export function createAuditService(deps: { db: Database; phiReadsAudited: boolean }) {
  async function record(event: AuditEvent, executor: Executor = deps.db): Promise<void> {
    const context = currentContext();
    await executor.insert(schema.auditLog).values({
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId ?? null,
      outcome: event.outcome ?? 'SUCCESS',
      oldValues: redactSecrets(event.oldValues),
      newValues: redactSecrets(event.newValues),
      metadata: redactSecrets(event.metadata),
      dataClassification: event.classification,
      actorId: event.actor ? event.actor.id : (context.actor?.id ?? null),
      actorRole: event.actor ? event.actor.role : (context.actor?.role ?? null),
      ipAddress: context.ip,
      userAgent: context.userAgent,
      requestId: context.requestId,
    });
  }

  return {
    record,
    /** A read of PHI; skipped only when HIPAA_AUDIT_ENABLED is false. */
    async recordPhiRead(entityType: string, entityId: string, executor?: Executor) {
      if (!deps.phiReadsAudited) return;
      await record({ action: 'PHI_READ', entityType, entityId, classification: 'PHI' }, executor);
    },
    async recordDenied(entityType: string, entityId: string | null, reason: string) {
      await record({
        action: 'PERMISSION_DENIED',
        entityType,
        entityId,
        classification: 'SECURITY',
        outcome: 'DENIED',
        metadata: { reason },
      });
    },
    /** Re-computes every row's hash and link; lists the rows that no longer match. */
    async verifyChain() {
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
    },
  };
}
