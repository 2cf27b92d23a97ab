import { envelope, pagedEnvelope, paginationQuerySchema } from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { AuditService } from './service';

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
});

const listQuerySchema = paginationQuerySchema.extend({
  actorId: z.uuid().optional(),
  entityType: z.string().trim().min(1).max(50).optional(),
  entityId: z.string().trim().min(1).max(100).optional(),
  action: z.string().trim().min(1).max(50).optional(),
  outcome: z.enum(['SUCCESS', 'FAILURE', 'DENIED']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

const verifySchema = z.object({
  valid: z.boolean(),
  checked: z.number().int(),
  broken: z.array(z.object({ seq: z.number().int(), id: z.string(), reason: z.string() })),
});

/** Audit trail: admins read everything, supervisors their team's events; only admins verify. */
export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService }> = async (app, { audit }) => {
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
};
