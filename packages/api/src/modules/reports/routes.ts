import {
  budgetReportQuerySchema,
  budgetReportSchema,
  envelope,
  evvExportQuerySchema,
  evvExportSchema,
  type ReportFormat,
  timesheetQuerySchema,
  timesheetReportSchema,
  visitReportQuerySchema,
  visitReportSchema,
} from '@caretracker/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../plugins/request-context';
import type { ReportResult, ReportsService } from './service';

const tags = ['reports'];
const DOWNLOADS =
  " Days are cut in `timeZone`, by default the agency's (AGENCY_TIMEZONE). Send `?format=csv|pdf` or `Accept: text/csv|application/pdf` for a download (audited as an export).";

/** `?format=` wins; otherwise the Accept header; JSON by default. */
export function requestedFormat(request: FastifyRequest, fromQuery: ReportFormat | undefined): ReportFormat {
  if (fromQuery) return fromQuery;
  const accept = request.headers.accept ?? '';
  if (accept.includes('text/csv')) return 'csv';
  if (accept.includes('application/pdf')) return 'pdf';
  return 'json';
}

function send<T>(reply: FastifyReply, result: ReportResult<T>) {
  if (result.format === 'json') return { success: true as const, data: result.data };
  return reply
    .type(result.contentType)
    .header('content-disposition', `attachment; filename="${result.filename}"`)
    .header('cache-control', 'no-store')
    .send(result.body);
}

/** Reports and the EVV export. The service scopes each one to what the caller may see. */
export const reportsRoutes: FastifyPluginAsyncZod<{ service: ReportsService }> = async (app, { service }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '/reports/visits',
    {
      schema: {
        tags,
        summary: 'Visit figures by day, week or month: statuses, completion, punctuality, duration, EVV exceptions',
        description: `Completion rate = completed ÷ (completed + no-shows + cancellations less than 24 h before the start). On-time rate = check-ins within the EVV tolerance of the scheduled start ÷ check-ins.${DOWNLOADS}`,
        querystring: visitReportQuerySchema,
        response: { 200: envelope(visitReportSchema) },
      },
    },
    async (request, reply) =>
      send(
        reply,
        await service.visitReport(actorOf(request), request.query, requestedFormat(request, request.query.format)),
      ),
  );

  app.get(
    '/reports/budgets',
    {
      schema: {
        tags,
        summary: 'Budget utilization by category, forecast to period end, and budgets over a threshold',
        description: `Budgets active on \`asOf\` (default today in the agency's time zone).${DOWNLOADS}`,
        querystring: budgetReportQuerySchema,
        response: { 200: envelope(budgetReportSchema) },
      },
    },
    async (request, reply) =>
      send(
        reply,
        await service.budgetReport(actorOf(request), request.query, requestedFormat(request, request.query.format)),
      ),
  );

  app.get(
    '/reports/timesheets',
    {
      schema: {
        tags,
        summary: 'Worker hours by day and ISO week from the actual times of completed visits (payroll)',
        description: DOWNLOADS.trim(),
        querystring: timesheetQuerySchema,
        response: { 200: envelope(timesheetReportSchema) },
      },
    },
    async (request, reply) =>
      send(
        reply,
        await service.timesheets(actorOf(request), request.query, requestedFormat(request, request.query.format)),
      ),
  );

  app.get(
    '/exports/evv',
    {
      schema: {
        tags,
        summary: 'EVV records for state aggregators (admins; supervisors for their team), JSON or CSV',
        description:
          "Visits with a check-in whose scheduled start falls in the period (dates in the agency's time zone, AGENCY_TIMEZONE). `sequenceId` grows every time a visit changes; pass the previous `lastSequence` as `sinceSequence` to receive only changes. Always audited as an export.",
        querystring: evvExportQuerySchema,
        response: { 200: envelope(evvExportSchema) },
      },
    },
    async (request, reply) => {
      const format = requestedFormat(request, request.query.format) === 'csv' ? 'csv' : 'json';
      return send(reply, await service.evvExport(actorOf(request), request.query, format));
    },
  );
};
