import { z } from 'zod';

/** How long emergency access to one record lasts. */
export const BREAK_GLASS_MINUTES = 60;

export const openBreakGlassBodySchema = z.strictObject({
  userId: z.uuid(),
  /** Why the record must be opened now; kept in the audit trail and shown to admins. */
  reason: z.string().trim().min(20, 'must explain the emergency in at least 20 characters').max(1000),
});

export const breakGlassGrantSchema = z.object({
  id: z.uuid(),
  supervisorId: z.uuid(),
  targetUserId: z.uuid(),
  reason: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
});
export type BreakGlassGrant = z.infer<typeof breakGlassGrantSchema>;
