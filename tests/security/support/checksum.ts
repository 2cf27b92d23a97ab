import { TABLE_CLASSIFICATION } from '@caretracker/database';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';

/**
 * Tables a refused request may still write: the audit log records the denial, a failed sign-in
 * counts towards the lockout, and an Idempotency-Key is forgotten again after a failure.
 */
const MAY_CHANGE_ON_REFUSAL = new Set(['audit_log', 'login_lockouts', 'idempotency_keys']);
const CHECKED_TABLES = Object.keys(TABLE_CLASSIFICATION).filter((table) => !MAY_CHANGE_ON_REFUSAL.has(table));

/**
 * Per data table, its row count and the newest row version's transaction id: an insert, an update
 * (even one writing the same values) or a delete changes it, so equal before and after means
 * nothing was written.
 */
export async function tableChecksums(app: FastifyInstance): Promise<Record<string, string>> {
  const parts = CHECKED_TABLES.map(
    (table) =>
      `select '${table}' as name, count(*) || ':' || coalesce(max(xmin::text::bigint), 0) as sum from ${table}`,
  );
  const result = await app.deps.db.execute(sql.raw(parts.join(' union all ')));
  const rows = (result as unknown as { rows: Array<{ name: string; sum: string }> }).rows;
  return Object.fromEntries(rows.map((row) => [row.name, row.sum]));
}

/** The tables whose checksum differs between two snapshots. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before).filter((table) => before[table] !== after[table]);
}
