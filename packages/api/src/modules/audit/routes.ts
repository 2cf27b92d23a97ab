import type { Database } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { canReadAudit, envelope, pagedEnvelope, paginationQuerySchema } from '@caretracker/shared';
import { and, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ForbiddenError } from '../../errors/app-errors';
import { actorOf } from '../../plugins/request-context';
import { supervisedUserIds } from '../users/relations';
import type { AuditService } from './service';

const { auditLog } = schema;

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
export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService; db: Database }> = async (app, { audit, db }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit events, newest first',
        querystring: listQuerySchema,
        response: { 200: pagedEnvelope(auditEntrySchema) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!canReadAudit(actor.role)) {
        await audit.recordDenied('audit_log', null, 'role may not read the audit log');
        throw new ForbiddenError();
      }
      const q = request.query;
      const conditions: (SQL | undefined)[] = [
        q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
        q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
        q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
        q.action ? eq(auditLog.action, q.action) : undefined,
        q.outcome ? eq(auditLog.outcome, q.outcome) : undefined,
        q.from ? gte(auditLog.occurredAt, new Date(q.from)) : undefined,
        q.to ? lte(auditLog.occurredAt, new Date(q.to)) : undefined,
      ];
      if (actor.role === 'SUPERVISOR') {
        const team = supervisedUserIds(actor.id);
        conditions.push(
          or(
            eq(auditLog.actorId, actor.id),
            inArray(auditLog.actorId, team),
            and(eq(auditLog.entityType, 'user'), inArray(sql`${auditLog.entityId}::uuid`, team)),
          ),
        );
      }
      const where = and(...conditions);
      const [rows, counted] = await Promise.all([
        db
          .select()
          .from(auditLog)
          .where(where)
          .orderBy(desc(auditLog.seq))
          .limit(q.limit)
          .offset((q.page - 1) * q.limit),
        db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where),
      ]);
      const total = counted[0]?.total ?? 0;
      return {
        success: true as const,
        data: rows.map((row) => ({ ...row, occurredAt: row.occurredAt.toISOString() })),
        pagination: { page: q.page, limit: q.limit, total, totalPages: Math.ceil(total / q.limit) },
      };
    },
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
    async (request) => {
      if (actorOf(request).role !== 'ADMIN') {
        await audit.recordDenied('audit_log', null, 'only admins verify the audit chain');
        throw new ForbiddenError();
      }
      const result = await audit.verifyChain();
      await audit.record({
        action: 'AUDIT_VERIFIED',
        entityType: 'audit_log',
        classification: 'SECURITY',
        metadata: { valid: result.valid, checked: result.checked },
      });
      return { success: true as const, data: result };
    },
  );
};
