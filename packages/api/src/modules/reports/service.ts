import { schema } from '@caretracker/database';
import {
  type BudgetReportQuery,
  dateInZone,
  type EvvExportQuery,
  type ReportFormat,
  type TimesheetQuery,
  type VisitReportQuery,
} from '@caretracker/shared';
import { inArray, type SQL } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import type { ModuleDeps } from '../module-deps';
import { supervisedUserIds } from '../users/relations';
import { visibleVisitsCondition } from '../visits/access';
import { budgetReportTable, buildBudgetReport } from './budget-report';
import { type ReportTable, toCsv, toPdf } from './documents';
import { buildEvvExport, evvExportTable } from './evv-export';
import { type ReportFilters, scopeFilters } from './scope';
import { buildTimesheets, timesheetTable } from './timesheets';
import { buildVisitReport, visitReportTable } from './visit-report';

const { visits } = schema;

/** JSON for the API's envelope, or a finished file to download. */
export type ReportResult<T> =
  | { format: 'json'; data: T }
  | { format: 'csv' | 'pdf'; contentType: string; filename: string; body: string | Buffer };

export type ReportsService = ReturnType<typeof createReportsService>;

/**
 * Reports and the EVV export: scoped to what the caller may see (supervisors their team, clients and
 * workers themselves), rendered as JSON, CSV or PDF; every download is audited as an EXPORT.
 */
export function createReportsService(deps: ModuleDeps) {
  const { db, audit, config } = deps;

  async function deliver<T>(
    report: string,
    format: ReportFormat,
    data: T,
    table: () => ReportTable,
    filters: Record<string, unknown>,
    rowCount: number,
  ): Promise<ReportResult<T>> {
    const subject = (filters.clientId ?? filters.workerId ?? null) as string | null;
    const metadata = { report, format, filters, rowCount };
    if (format === 'json') {
      if (config.HIPAA_AUDIT_ENABLED) {
        await audit.record({
          action: 'PHI_READ',
          entityType: 'report',
          entityId: subject,
          classification: 'PHI',
          metadata,
        });
      }
      return { format, data };
    }
    const generatedAt = new Date();
    const rendered = table();
    const body = format === 'csv' ? toCsv(rendered) : await toPdf(rendered, generatedAt);
    await audit.record({ action: 'EXPORT', entityType: 'report', entityId: subject, classification: 'PHI', metadata });
    const stamp = generatedAt.toISOString().slice(0, 10);
    return {
      format,
      contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf',
      filename: `${report}-${stamp}.${format}`,
      body,
    };
  }

  /** Which visits a report may count for this caller, beyond the explicit filters. */
  const teamVisits = (actor: Actor): SQL | undefined => visibleVisitsCondition(actor);
  /** Report days are the agency's unless the caller names another zone. */
  const zoned = <Q extends { timeZone?: string | undefined }>(query: Q) => ({
    ...query,
    timeZone: query.timeZone ?? config.AGENCY_TIMEZONE,
  });

  return {
    async visitReport(actor: Actor, requested: VisitReportQuery, format: ReportFormat) {
      const query = zoned(requested);
      const filters = await scopeFilters(db, audit, actor, 'visits', query);
      const report = await buildVisitReport(db, query, filters, teamVisits(actor), config.EVV_TOLERANCE_MINUTES);
      return deliver(
        'visits',
        format,
        report,
        () => visitReportTable(report),
        { ...periodOf(query), ...filters, groupBy: query.groupBy },
        report.groups.length,
      );
    },

    async timesheets(actor: Actor, requested: TimesheetQuery, format: ReportFormat) {
      const query = zoned(requested);
      const filters = await scopeFilters(db, audit, actor, 'timesheets', query);
      // A supervisor's payroll covers the workers of their team, wherever those workers went.
      const visible =
        actor.role === 'SUPERVISOR' ? inArray(visits.workerId, supervisedUserIds(actor.id)) : teamVisits(actor);
      const report = await buildTimesheets(db, query, filters, visible);
      return deliver(
        'timesheets',
        format,
        report,
        () => timesheetTable(report),
        { ...periodOf(query), workerId: filters.workerId },
        report.workers.reduce((sum, worker) => sum + worker.days.length, 0),
      );
    },

    async budgetReport(actor: Actor, query: BudgetReportQuery, format: ReportFormat) {
      const filters: ReportFilters = await scopeFilters(db, audit, actor, 'budgets', { clientId: query.clientId });
      const asOf = query.asOf ?? dateInZone(new Date(), config.AGENCY_TIMEZONE);
      const visibleClients = actor.role === 'SUPERVISOR' ? supervisedUserIds(actor.id) : undefined;
      const report = await buildBudgetReport(db, asOf, filters.clientId, visibleClients);
      return deliver(
        'budgets',
        format,
        report,
        () => budgetReportTable(report),
        { asOf, clientId: filters.clientId },
        report.budgets.length,
      );
    },

    /** Always audited as an EXPORT, JSON included: it is the hand-over of EVV records to an aggregator. */
    async evvExport(actor: Actor, query: EvvExportQuery, format: 'json' | 'csv') {
      await scopeFilters(db, audit, actor, 'evv', {});
      const exported = await buildEvvExport(db, query, teamVisits(actor), new Date(), config.AGENCY_TIMEZONE);
      const filters = {
        ...periodOf(query),
        timeZone: config.AGENCY_TIMEZONE,
        sinceSequence: query.sinceSequence ?? null,
      };
      if (format === 'csv') {
        return deliver('evv', format, exported, () => evvExportTable(exported), filters, exported.count);
      }
      await audit.record({
        action: 'EXPORT',
        entityType: 'report',
        entityId: null,
        classification: 'PHI',
        metadata: { report: 'evv', format, filters, rowCount: exported.count, lastSequence: exported.lastSequence },
      });
      return { format, data: exported } satisfies ReportResult<typeof exported>;
    },
  };
}

const periodOf = (query: { from: string; to: string; timeZone?: string }) => ({
  from: query.from,
  to: query.to,
  ...(query.timeZone ? { timeZone: query.timeZone } : {}),
});
