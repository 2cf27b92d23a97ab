import type { Database } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { and, asc, eq, gt, inArray, isNotNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config/config';
import { IDEMPOTENCY_RETENTION_DAYS } from '../../plugins/idempotency';
import type { AuditService } from '../audit/service';
import type { Job } from './runner';

const {
  users,
  profiles,
  sessions,
  refreshTokens,
  passwordHistory,
  oneTimeTokens,
  mfaRecoveryCodes,
  notifications,
  notificationPreferences,
  careTeamAssignments,
  emailOutbox,
  idempotencyKeys,
} = schema;

const DAY_MS = 86_400_000;
/** How long a failed email keeps its sealed body, so that an admin can still send it again. */
export const FAILED_EMAIL_BODY_DAYS = 30;
const BATCH = 200;

const cutoff = (years: number) => sql`now() - make_interval(years => ${years})`;

/** PostgreSQL and PGlite both report a foreign key violation as 23503 (drizzle wraps it in `cause`). */
function isForeignKeyViolation(error: unknown): boolean {
  const codes = [error, (error as { cause?: unknown })?.cause].map((e) => (e as { code?: string } | null)?.code);
  return codes.includes('23503');
}

/**
 * Hard-deletes one soft-deleted user with the rows that exist only for them (profile, sessions,
 * credentials history, notifications, care-team links). Anything else still pointing at the user
 * (visits, care plans, budgets, messages, files, another user's supervisor link) is a record kept
 * under its own rules: the foreign key refuses, the transaction rolls back, the user stays.
 */
async function purgeUser(db: Database, audit: AuditService, userId: string): Promise<boolean> {
  try {
    await db.transaction(async (tx) => {
      const userSessions = tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
      await tx.delete(refreshTokens).where(inArray(refreshTokens.sessionId, userSessions));
      await tx.delete(sessions).where(eq(sessions.userId, userId));
      await tx.delete(passwordHistory).where(eq(passwordHistory.userId, userId));
      await tx.delete(oneTimeTokens).where(eq(oneTimeTokens.userId, userId));
      await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
      await tx.delete(notifications).where(eq(notifications.userId, userId));
      await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId));
      await tx
        .delete(careTeamAssignments)
        .where(or(eq(careTeamAssignments.clientId, userId), eq(careTeamAssignments.workerId, userId)));
      await tx.delete(profiles).where(eq(profiles.userId, userId));
      await tx.delete(users).where(eq(users.id, userId));
      // The record of destruction: which account, never what it held.
      await audit.record(
        {
          action: 'USER_PURGED',
          entityType: 'user',
          entityId: userId,
          classification: 'PII',
          metadata: { reason: 'retention' },
        },
        tx,
      );
    });
    return true;
  } catch (error) {
    if (isForeignKeyViolation(error)) return false;
    throw error;
  }
}

/** Soft-deleted users past retention, all of them in id order (a kept user does not block the rest). */
async function purgeDeletedUsers(db: Database, audit: AuditService, years: number) {
  let purged = 0;
  let kept = 0;
  let after: string | null = null;
  for (;;) {
    const conditions: SQL[] = [isNotNull(users.deletedAt), lt(users.deletedAt, cutoff(years))];
    if (after) conditions.push(gt(users.id, after));
    const batch: Array<{ id: string }> = await db
      .select({ id: users.id })
      .from(users)
      .where(and(...conditions))
      .orderBy(asc(users.id))
      .limit(BATCH);
    for (const { id } of batch) {
      if (await purgeUser(db, audit, id)) purged += 1;
      else kept += 1;
    }
    if (batch.length < BATCH) return { purged, kept };
    after = batch.at(-1)?.id ?? null;
  }
}

/**
 * Retention, daily. `DATA_RETENTION_YEARS`: soft-deleted users (and their own rows), soft-deleted
 * notifications and sent or failed outbox rows older than that are deleted for good, and stored
 * Idempotency-Key answers after `IDEMPOTENCY_RETENTION_DAYS`; clinical,
 * EVV and financial records are not purged here. `AUDIT_LOG_RETENTION_YEARS`: the oldest audit
 * rows go through `audit_log_purge`, which leaves a checkpoint so the remaining chain still verifies.
 */
export function retentionPurgeJob(deps: {
  db: Database;
  config: Config;
  audit: AuditService;
  log: FastifyBaseLogger;
}): Job {
  const { db, config, audit, log } = deps;
  return {
    name: 'retention-purge',
    intervalMs: DAY_MS,
    async run() {
      const years = config.DATA_RETENTION_YEARS;
      const users = await purgeDeletedUsers(db, audit, years);
      const oldNotifications = await db
        .delete(notifications)
        .where(and(isNotNull(notifications.deletedAt), lt(notifications.deletedAt, cutoff(years))))
        .returning({ id: notifications.id });
      const oldOutbox = await db
        .delete(emailOutbox)
        .where(and(ne(emailOutbox.status, 'PENDING'), lt(emailOutbox.createdAt, cutoff(years))))
        .returning({ id: emailOutbox.id });
      const failedBodies = await db
        .update(emailOutbox)
        .set({ pendingBody: null })
        .where(
          and(
            eq(emailOutbox.status, 'FAILED'),
            isNotNull(emailOutbox.pendingBody),
            lt(emailOutbox.createdAt, sql`now() - make_interval(days => ${FAILED_EMAIL_BODY_DAYS})`),
          ),
        )
        .returning({ id: emailOutbox.id });
      const oldKeys = await db
        .delete(idempotencyKeys)
        .where(lt(idempotencyKeys.createdAt, sql`now() - make_interval(days => ${IDEMPOTENCY_RETENTION_DAYS})`))
        .returning({ id: idempotencyKeys.id });
      const purged = (await db.execute(
        sql`select audit_log_purge(${cutoff(config.AUDIT_LOG_RETENTION_YEARS)})::text as purged`,
      )) as unknown as { rows: Array<{ purged: string }> };
      const result = {
        usersPurged: users.purged,
        usersKeptForRecords: users.kept,
        notificationsPurged: oldNotifications.length,
        outboxPurged: oldOutbox.length,
        failedEmailBodiesCleared: failedBodies.length,
        idempotencyKeysPurged: oldKeys.length,
        auditRowsPurged: Number(purged.rows[0]?.purged ?? 0),
      };
      if (Object.values(result).some((count) => count > 0)) {
        await audit.record({
          action: 'RETENTION_PURGE',
          entityType: 'retention',
          classification: 'SECURITY',
          metadata: { ...result, dataRetentionYears: years, auditRetentionYears: config.AUDIT_LOG_RETENTION_YEARS },
        });
      }
      // Logged so the checkpoint also lives outside the database that it vouches for.
      const checkpoint =
        result.auditRowsPurged > 0
          ? (
              (await db.execute(
                sql`select purged_through_seq::text as seq, purged_through_hash as hash from audit_log_checkpoints
                  order by purged_through_seq desc limit 1`,
              )) as unknown as { rows: Array<{ seq: string; hash: string }> }
            ).rows[0]
          : undefined;
      log.info({ ...result, auditCheckpoint: checkpoint }, 'retention purge done');
      return result;
    },
  };
}
