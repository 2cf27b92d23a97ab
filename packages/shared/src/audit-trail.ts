import { z } from 'zod';

/**
 * `GET /users/:id/audit-trail`: who looked at or changed one person's record, newest first.
 * `scope=record` is the user record itself (profile reads and writes, break-glass); `all` (the
 * default) adds the records about them: their visits, care plans, budgets, emergencies,
 * conversations, files and reports filtered to them.
 */
export const AUDIT_TRAIL_SCOPES = ['record', 'all'] as const;

export const auditTrailQuerySchema = z.object({
  scope: z.enum(AUDIT_TRAIL_SCOPES).default('all'),
  /** `page.nextBefore` of the previous page: rows older than this sequence number. */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type AuditTrailQuery = z.infer<typeof auditTrailQuerySchema>;

export const auditTrailEntrySchema = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  occurredAt: z.string(),
  actor: z
    .object({
      id: z.uuid(),
      role: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
    })
    .nullable(),
  action: z.string(),
  outcome: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** The fields a change touched (keys of its new values). */
  changedFields: z.array(z.string()),
  oldValues: z.unknown(),
  newValues: z.unknown(),
  metadata: z.unknown(),
  /** The read or change was made under a break-glass grant. */
  breakGlass: z.boolean(),
  ipAddress: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditTrailEntry = z.infer<typeof auditTrailEntrySchema>;

export const auditTrailSchema = z.object({
  userId: z.uuid(),
  scope: z.enum(AUDIT_TRAIL_SCOPES),
  entries: z.array(auditTrailEntrySchema),
  page: z.object({ limit: z.number().int(), hasMore: z.boolean(), nextBefore: z.number().int().nullable() }),
});
export type AuditTrail = z.infer<typeof auditTrailSchema>;
