import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from './index';

const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => value instanceof PgTable);
/** Security and bookkeeping records (sessions, tokens, the audit log itself) are append-mostly. */
const RECORD_TABLES = new Set([
  'sessions',
  'refresh_tokens',
  'password_history',
  'one_time_tokens',
  'mfa_recovery_codes',
  'email_outbox',
  'idempotency_keys',
  'audit_log',
  'login_lockouts',
  'break_glass_grants',
  'care_plan_versions',
  'visit_amendments',
  'notification_preferences',
  'emergency_alert_events',
]);

describe('schema conventions', () => {
  it('every table has a data classification', () => {
    const names = tables.map((table) => getTableConfig(table).name).sort();
    expect(Object.keys(schema.TABLE_CLASSIFICATION).sort()).toEqual(names);
  });

  it('domain tables carry uuid ids, bookkeeping columns and timestamptz', () => {
    for (const table of tables) {
      const config = getTableConfig(table);
      for (const column of config.columns) {
        if (column.columnType === 'PgTimestamp')
          expect((column as unknown as { withTimezone: boolean }).withTimezone, `${config.name}.${column.name}`).toBe(
            true,
          );
      }
      if (RECORD_TABLES.has(config.name)) continue;
      const names = config.columns.map((column) => column.name);
      expect(names, config.name).toEqual(
        expect.arrayContaining(['created_at', 'updated_at', 'created_by', 'updated_by', 'deleted_at', 'version']),
      );
      const primary = config.columns.find((column) => column.primary);
      expect(primary?.columnType, config.name).toBe('PgUUID');
    }
  });
});
