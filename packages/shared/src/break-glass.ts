import { z } from 'zod';

/** How long emergency access to one record lasts. */
export const BREAK_GLASS_MINUTES = 60;

export const openBreakGlassBodySchema = z.strictObject({
  userId: z.uuid(),
  /** Why the record must be opened now; kept in the audit trail and shown to admins. */
  reason: z.string().trim().min(20, 'must explain the emergency in at least 20 characters').max(1000),
});

export const listBreakGlassQuerySchema = z.object({
  /** `true`: only grants still open now (a supervisor's current emergency access). */
  active: z.enum(['true', 'false']).optional(),
});

export const breakGlassGrantSchema = z.object({
  id: z.uuid(),
  supervisorId: z.uuid(),
  targetUserId: z.uuid(),
  /** Whose record the grant opens. */
  target: z.object({ firstName: z.string(), lastName: z.string(), role: z.string() }).nullable(),
  reason: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
  /** Whole seconds until the grant ends; 0 once ended or closed. */
  remainingSeconds: z.number().int().min(0),
});
export type BreakGlassGrant = z.infer<typeof breakGlassGrantSchema>;

/** Whole seconds left until `expiresAt` at `now` (0 once passed). */
export function secondsRemaining(expiresAt: Date | string, now = Date.now()): number {
  return Math.max(0, Math.floor((new Date(expiresAt).getTime() - now) / 1000));
}
