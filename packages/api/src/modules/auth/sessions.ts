import type { Database, Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { Role } from '@caretracker/shared';
import { and, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { currentContext } from '../../context/request-context';
import { batchWhileBusy } from '../../infra/batch-while-busy';
import { randomToken, sha256, type TokenService } from './tokens';

const { sessions, refreshTokens, users, familyLinks } = schema;
const actedFor = alias(users, 'acted_for');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  refreshExpiresAt: Date;
}

export type SessionStore = ReturnType<typeof createSessionStore>;
export interface LiveUser {
  role: Role;
  actsForClientId: string | null;
}

/** Sessions are refresh-token families: every refresh rotates the token within its family. */
export function createSessionStore(deps: { db: Database; tokens: TokenService; refreshTtlMs: number }) {
  const { db, tokens } = deps;

  async function issueRefreshToken(executor: Executor, sessionId: string, expiresAt: Date): Promise<string> {
    const token = randomToken();
    await executor.insert(refreshTokens).values({ sessionId, tokenHash: sha256(token), expiresAt });
    return token;
  }

  // Requests arriving while a check is running are checked together in the next statement (one
  // round trip for many); each is read after it arrived, so a revoked session stops at once.
  const liveUserBatched = batchWhileBusy<{ sessionId: string; userId: string }, LiveUser | null>(
    async (asked) => {
      // A token's ids are ours (signed), but one malformed id must not fail the others' checks.
      const ids = [...new Set(asked.map((one) => one.sessionId).filter((id) => UUID.test(id)))];
      if (ids.length === 0) return asked.map(() => null);
      const rows = await db
        .select({ sessionId: sessions.id, userId: users.id, role: users.role, actsForClientId: actedFor.id })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .leftJoin(
          familyLinks,
          and(eq(familyLinks.familyUserId, users.id), eq(users.role, 'CLIENT'), isNull(familyLinks.deletedAt)),
        )
        .leftJoin(actedFor, and(eq(actedFor.id, familyLinks.clientId), isNull(actedFor.deletedAt)))
        .where(
          and(
            inArray(sessions.id, ids),
            isNull(sessions.revokedAt),
            gt(sessions.expiresAt, new Date()),
            eq(users.isActive, true),
            isNull(users.deletedAt),
          ),
        );
      return asked.map((one) => {
        const row = rows.find((found) => found.sessionId === one.sessionId && found.userId === one.userId);
        return row ? { role: row.role, actsForClientId: row.actsForClientId } : null;
      });
    },
    { maxBatch: 100, maxInFlight: 2 },
  );

  return {
    async open(executor: Executor, user: { id: string }): Promise<IssuedTokens> {
      const context = currentContext();
      const expiresAt = new Date(Date.now() + deps.refreshTtlMs);
      const [session] = await executor
        .insert(sessions)
        .values({ userId: user.id, expiresAt, ipAddress: context.ip, userAgent: context.userAgent?.slice(0, 500) })
        .returning({ id: sessions.id });
      if (!session) throw new Error('session insert returned nothing');
      const refreshToken = await issueRefreshToken(executor, session.id, expiresAt);
      const accessToken = tokens.signAccess({ sub: user.id, sid: session.id });
      return { accessToken, refreshToken, sessionId: session.id, refreshExpiresAt: expiresAt };
    },

    /** Finds a refresh token with its session and user, rotated or not. */
    async findRefresh(token: string) {
      const [row] = await db
        .select({
          tokenId: refreshTokens.id,
          rotatedAt: refreshTokens.rotatedAt,
          tokenExpiresAt: refreshTokens.expiresAt,
          sessionId: sessions.id,
          revokedAt: sessions.revokedAt,
          sessionExpiresAt: sessions.expiresAt,
          userId: users.id,
          role: users.role,
          isActive: users.isActive,
          deletedAt: users.deletedAt,
        })
        .from(refreshTokens)
        .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(refreshTokens.tokenHash, sha256(token)));
      return row ?? null;
    },

    /** Marks the token used and issues its successor; false if another request rotated it first. */
    async rotate(executor: Executor, tokenId: string, sessionId: string, user: { id: string }) {
      const used = await executor
        .update(refreshTokens)
        .set({ rotatedAt: new Date() })
        .where(and(eq(refreshTokens.id, tokenId), isNull(refreshTokens.rotatedAt)))
        .returning({ id: refreshTokens.id });
      if (used.length === 0) return null;
      const expiresAt = new Date(Date.now() + deps.refreshTtlMs);
      await executor
        .update(sessions)
        .set({ lastUsedAt: new Date(), expiresAt, updatedAt: new Date() })
        .where(eq(sessions.id, sessionId));
      const refreshToken = await issueRefreshToken(executor, sessionId, expiresAt);
      const accessToken = tokens.signAccess({ sub: user.id, sid: sessionId });
      return { accessToken, refreshToken, sessionId, refreshExpiresAt: expiresAt } satisfies IssuedTokens;
    },

    async revoke(executor: Executor, sessionId: string, reason: string): Promise<void> {
      await executor
        .update(sessions)
        .set({ revokedAt: new Date(), revokedReason: reason, updatedAt: new Date() })
        .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
    },

    /** Ends every live session of a user, optionally keeping one (the caller's own). */
    async revokeAllForUser(
      executor: Executor,
      userId: string,
      reason: string,
      keepSessionId?: string,
    ): Promise<number> {
      const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
      if (keepSessionId) conditions.push(ne(sessions.id, keepSessionId));
      const revoked = await executor
        .update(sessions)
        .set({ revokedAt: new Date(), revokedReason: reason, updatedAt: new Date() })
        .where(and(...conditions))
        .returning({ id: sessions.id });
      return revoked.length;
    },

    /**
     * The access check of every request: the session is live and its user still allowed in, with
     * the client a family member acts for (a live link to a live client). The role comes from the
     * user's row, so a token cannot claim one; null when not live.
     */
    liveUser(sessionId: string, userId: string): Promise<LiveUser | null> {
      return liveUserBatched({ sessionId, userId });
    },
  };
}
