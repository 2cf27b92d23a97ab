import type { Database } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { EndedSessions, MySession } from '@caretracker/shared';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { NotFoundError } from '../../errors/app-errors';
import type { AuditService } from '../audit/service';
import type { SessionStore } from './sessions';
import { describeUserAgent } from './user-agent';

const { sessions } = schema;

export type MySessionsService = ReturnType<typeof createMySessionsService>;

/**
 * The signed-in user's own sessions: which devices are signed in, and signing one or all the
 * others out. Ending a session revokes its refresh-token family, and the per-request session check
 * (`SessionStore.liveUser`) refuses its access tokens from the next request on, as on deactivation.
 */
export function createMySessionsService(deps: { db: Database; sessions: SessionStore; audit: AuditService }) {
  const { db, audit } = deps;
  const live = (userId: string) =>
    and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date()));

  return {
    async list(actor: Actor): Promise<MySession[]> {
      const rows = await db
        .select({
          id: sessions.id,
          userAgent: sessions.userAgent,
          createdAt: sessions.createdAt,
          lastUsedAt: sessions.lastUsedAt,
        })
        .from(sessions)
        .where(live(actor.id))
        .orderBy(desc(sessions.lastUsedAt));
      const views = rows.map((row) => ({
        id: row.id,
        ...describeUserAgent(row.userAgent),
        createdAt: row.createdAt.toISOString(),
        lastUsedAt: row.lastUsedAt.toISOString(),
        current: row.id === actor.sessionId,
      }));
      // This device first, then the others by when they were last used.
      return [...views.filter((view) => view.current), ...views.filter((view) => !view.current)];
    },

    /** Signs out one of the caller's sessions; another user's session, or one already ended, is not found. */
    async end(actor: Actor, sessionId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const ended = await tx
          .update(sessions)
          .set({ revokedAt: new Date(), revokedReason: 'signed_out_by_user', updatedAt: new Date() })
          .where(and(eq(sessions.id, sessionId), live(actor.id)))
          .returning({ id: sessions.id });
        if (ended.length === 0) throw new NotFoundError('Session');
        await audit.record(
          {
            action: 'SESSION_ENDED',
            entityType: 'session',
            entityId: sessionId,
            classification: 'SECURITY',
            metadata: { current: sessionId === actor.sessionId },
          },
          tx,
        );
      });
    },

    /** Signs out every session of the caller but the one this request came from. */
    async endOthers(actor: Actor): Promise<EndedSessions> {
      return db.transaction(async (tx) => {
        const endedSessions = await deps.sessions.revokeAllForUser(
          tx,
          actor.id,
          'signed_out_other_devices',
          actor.sessionId,
        );
        await audit.record(
          {
            action: 'OTHER_SESSIONS_ENDED',
            entityType: 'user',
            entityId: actor.id,
            classification: 'SECURITY',
            metadata: { endedSessions },
          },
          tx,
        );
        return { endedSessions };
      });
    },
  };
}
