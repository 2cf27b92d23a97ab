import type { Database, Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { eq, sql } from 'drizzle-orm';
import { sha256 } from './tokens';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 30 * 60_000;

const { loginLockouts } = schema;

export type Lockout = ReturnType<typeof createLockout>;

/**
 * Failed sign-in steps (passwords and MFA codes alike) counted per hashed email, for real and
 * unknown accounts alike.
 */
export function createLockout(db: Database) {
  const key = (email: string) => sha256(`login:${email.toLowerCase()}`);

  /** When the current lock ends, or null when the account is not locked. */
  async function lockedUntil(email: string): Promise<Date | null> {
    const [row] = await db
      .select({ lockedUntil: loginLockouts.lockedUntil })
      .from(loginLockouts)
      .where(eq(loginLockouts.emailHash, key(email)));
    return row?.lockedUntil && row.lockedUntil.getTime() > Date.now() ? row.lockedUntil : null;
  }

  return {
    lockedUntil,
    /** Seconds until the lock ends, or 0 when not locked. */
    async lockedFor(email: string): Promise<number> {
      const until = await lockedUntil(email);
      return until ? Math.ceil((until.getTime() - Date.now()) / 1000) : 0;
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
    /** Forgets the failures and ends any lock (after a complete sign-in, a password reset, an admin's unlock); true if a lock was ended. */
    async clear(email: string, executor: Executor = db): Promise<boolean> {
      const cleared = await executor
        .delete(loginLockouts)
        .where(eq(loginLockouts.emailHash, key(email)))
        .returning({ lockedUntil: loginLockouts.lockedUntil });
      return cleared.some((row) => row.lockedUntil !== null && row.lockedUntil.getTime() > Date.now());
    },
  };
}
