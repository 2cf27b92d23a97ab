import type { Database } from '@caretracker/database';
import { canExportAudit, dateInZone } from '@caretracker/shared';
import type { Actor } from '../../context/request-context';
import { ForbiddenError } from '../../errors/app-errors';
import { type ReportTable, toCsv } from '../reports/documents';
import { type AuditFilters, exportAuditRows, peopleNamedBy } from './queries';
import type { AuditService } from './service';
import { auditEntityId } from './values';

/** An export holds at most this many rows (newest first); the audit row says when it was cut. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

/** `2026-12-02 09:15:04` in the zone: what a spreadsheet reads as a date and time. */
function localDateTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

const nameOf = (person: { firstName: string; lastName: string } | undefined) =>
  person ? `${person.firstName} ${person.lastName}`.trim() : '';

/**
 * `GET /audit/export`: the filtered log as CSV, for admins only (supervisors read their team's
 * events on screen). The export is itself audited, with its filters and row count, in the same
 * request that hands the file over.
 */
export function createAuditExport(deps: { db: Database; audit: AuditService; timeZone: string }) {
  const { db, audit, timeZone } = deps;
  return {
    async exportCsv(actor: Actor, filters: AuditFilters) {
      if (!canExportAudit(actor.role)) {
        await audit.recordDenied('audit_log', null, 'only admins export the audit log');
        throw new ForbiddenError();
      }
      const rows = await exportAuditRows(db, actor, filters, AUDIT_EXPORT_MAX_ROWS + 1);
      const truncated = rows.length > AUDIT_EXPORT_MAX_ROWS;
      const kept = rows.slice(0, AUDIT_EXPORT_MAX_ROWS);
      const named = await peopleNamedBy(db, actor, kept);
      const table: ReportTable = {
        title: 'Audit log',
        period: timeZone,
        columns: [
          { key: 'when', header: `When (${timeZone})` },
          { key: 'who', header: 'Who' },
          { key: 'role', header: 'Role' },
          { key: 'action', header: 'Action' },
          { key: 'entityType', header: 'Record type' },
          { key: 'entityId', header: 'Record id' },
          { key: 'subject', header: 'Person' },
          { key: 'outcome', header: 'Outcome' },
          { key: 'ipAddress', header: 'IP address' },
          { key: 'requestId', header: 'Request id' },
          { key: 'seq', header: 'Sequence' },
        ],
        rows: kept.map((row) => ({
          when: localDateTime(row.occurredAt, timeZone),
          who: row.actorId ? nameOf(named.actors.get(row.actorId)) || row.actorId : 'System',
          role: row.actorRole,
          action: row.action,
          entityType: row.entityType,
          entityId: auditEntityId(row.entityType, row.entityId),
          subject: row.entityType === 'user' && row.entityId ? nameOf(named.subjects.get(row.entityId)) : '',
          outcome: row.outcome,
          ipAddress: row.ipAddress,
          requestId: row.requestId,
          seq: Number(row.seq),
        })),
      };
      await audit.record({
        action: 'EXPORT',
        entityType: 'audit_log',
        classification: 'SECURITY',
        metadata: { format: 'csv', filters: { ...filters }, rows: kept.length, truncated },
      });
      return {
        filename: `audit-log-${dateInZone(new Date(), timeZone)}.csv`,
        body: toCsv(table),
      };
    },
  };
}
export type AuditExport = ReturnType<typeof createAuditExport>;
