import { envelope, pagedEnvelope, paginationQuerySchema } from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import { AUDIT_EXPORT_MAX_ROWS, type AuditExport } from './export';
import type { AuditService } from './service';

const personSchema = z
  .object({ id: z.uuid(), role: z.string(), firstName: z.string(), lastName: z.string() })
  .nullable();

const auditEntrySchema = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  oldValues: z.unknown(),
  newValues: z.unknown(),
  metadata: z.unknown(),
  dataClassification: z.string(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  hash: z.string(),
  /** Who did it, by name (null: the system, or a person since purged). */
  actor: personSchema,
  /** The person a `user` row is about, where the reader may see them. */
  subject: personSchema,
});

const filtersSchema = z.object({
  actorId: z.uuid().optional(),
  entityType: z.string().trim().min(1).max(50).optional(),
  entityId: z.string().trim().min(1).max(100).optional(),
  /** One action or several, comma-separated. */
  action: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .regex(/^[A-Z_]+(,[A-Z_]+)*$/)
    .optional(),
  outcome: z.enum(['SUCCESS', 'FAILURE', 'DENIED']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
const listQuerySchema = paginationQuerySchema.extend(filtersSchema.shape);

const verifySchema = z.object({
  valid: z.boolean(),
  checked: z.number().int(),
  broken: z.array(z.object({ seq: z.number().int(), id: z.string(), reason: z.string() })),
});

/** Audit trail: admins read everything, supervisors their team's events; only admins verify and export. */
export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService; exporter: AuditExport }> = async (
  app,
  { audit, exporter },
) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit events, newest first',
        description:
          'Ids, statuses, codes and times verbatim; message text, notes and other prose as { length, sha256 }; ' +
          'session ids as the SHA-256 of the id; secrets as [redacted].',
        querystring: listQuerySchema,
        response: { 200: pagedEnvelope(auditEntrySchema) },
      },
    },
    async (request) => ({ success: true as const, ...(await audit.list(actorOf(request), request.query)) }),
  );

  app.get(
    '/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Re-compute the hash chain and list rows that were altered',
        response: { 200: envelope(verifySchema) },
      },
    },
    async (request) => ({ success: true as const, data: await audit.verify(actorOf(request)) }),
  );

  app.get(
    '/export',
    {
      schema: {
        tags: ['audit'],
        summary: 'The filtered audit log as CSV (admins); the export is itself audited',
        description: `The list's filters; newest first, at most ${AUDIT_EXPORT_MAX_ROWS} rows; times in the agency's time zone.`,
        querystring: filtersSchema,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV, one line per audit row') },
      },
    },
    async (request, reply) => {
      const { filename, body } = await exporter.exportCsv(actorOf(request), request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
};
