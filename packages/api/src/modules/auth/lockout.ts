import type { Database } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { eq, sql } from 'drizzle-orm';
import { sha256 } from './tokens';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 30 * 60_000;

const { loginLockouts } = schema;

/** Failed-login counting keyed by the hashed email, for real and unknown accounts alike. */
export function createLockout(db: Database) {
  const key = (email: string) => sha256(`login:${email.toLowerCase()}`);
  return {
    /** Seconds until the lock ends, or 0 when not locked. */
    async lockedFor(email: string): Promise<number> {
      const [row] = await db
        .select()
        .from(loginLockouts)
        .where(eq(loginLockouts.emailHash, key(email)));
      if (!row?.lockedUntil) return 0;
      return Math.max(0, Math.ceil((row.lockedUntil.getTime() - Date.now()) / 1000));
    },
    /** Counts a failure atomically; returns true when this failure locked the account. */
    async recordFailure(email: string): Promise<boolean> {
      const lockedUntil = new Date(Date.now() + LOCKOUT_MS);
      const [row] = await db
        .insert(loginLockouts)
        .values({ emailHash: key(email), failedCount: 1 })
        .onConflictDoUpdate({
          target: loginLockouts.emailHash,
          set: {
            // A lock that has run out starts the count afresh.
            failedCount: sql`case when ${loginLockouts.lockedUntil} is not null and ${loginLockouts.lockedUntil} <= now() then 1 else ${loginLockouts.failedCount} + 1 end`,
            lockedUntil: sql`case when ${loginLockouts.lockedUntil} is not null and ${loginLockouts.lockedUntil} <= now() then null else ${loginLockouts.lockedUntil} end`,
            updatedAt: sql`now()`,
          },
        })
        .returning();
      if (row && row.failedCount >= MAX_FAILED_LOGINS && !row.lockedUntil) {
        await db
          .update(loginLockouts)
          .set({ lockedUntil })
          .where(eq(loginLockouts.emailHash, key(email)));
        return true;
      }
      return false;
    },
    async clear(email: string): Promise<void> {
      await db.delete(loginLockouts).where(eq(loginLockouts.emailHash, key(email)));
    },
  };
}
