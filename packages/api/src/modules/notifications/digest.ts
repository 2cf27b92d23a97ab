import { schema } from '@caretracker/database';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Mail } from '../../infra/mailer';
import type { Job } from '../jobs/runner';
import type { ModuleDeps } from '../module-deps';
import { digestEmail, notificationEmail } from './email';
import { emailSetting } from './preferences';
import { type Reader, readersOf } from './wording';

const { notifications, users } = schema;

/** A user's digest goes out once their oldest waiting notification has waited this long. */
export const DIGEST_WINDOW_MS = 60 * 60_000;
const BATCH = 2000;

interface Pending {
  id: string;
  userId: string;
  email: string;
  title: string;
  body: string;
  messageKey: string | null;
  messageParams: Record<string, string | number> | null;
  createdAt: Date;
  setting: string;
}

/**
 * Emails non-urgent notifications that are still unread and not yet emailed: those whose
 * owner chose EMAIL = ON one by one (within a minute), and the DIGEST ones (the default) as one
 * digest per user, once the oldest has waited DIGEST_WINDOW_MS. Rows are claimed (emailed_at set,
 * `SKIP LOCKED`) before sending, so two replicas never send the same notification.
 */
export function notificationDigestJob(deps: Pick<ModuleDeps, 'db' | 'mailer' | 'config'>): Job {
  async function claim(now: Date): Promise<Pending[]> {
    return deps.db.transaction(async (tx) => {
      const setting = emailSetting(notifications.userId, notifications.category);
      const candidates: Pending[] = await tx
        .select({
          id: notifications.id,
          userId: notifications.userId,
          email: users.email,
          title: notifications.title,
          body: notifications.body,
          messageKey: notifications.messageKey,
          messageParams: notifications.messageParams,
          createdAt: notifications.createdAt,
          setting: sql<string>`${setting}`,
        })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .where(
          and(
            isNull(notifications.emailedAt),
            isNull(notifications.readAt),
            eq(notifications.urgent, false),
            isNull(notifications.deletedAt),
            eq(users.isActive, true),
            isNull(users.deletedAt),
            lte(notifications.createdAt, now),
            inArray(setting, ['ON', 'DIGEST']),
          ),
        )
        .orderBy(asc(notifications.createdAt))
        .limit(BATCH)
        .for('update', { of: notifications, skipLocked: true });
      const oldestDigest = new Map<string, Date>();
      for (const row of candidates) {
        if (row.setting === 'DIGEST' && !oldestDigest.has(row.userId)) oldestDigest.set(row.userId, row.createdAt);
      }
      const due = candidates.filter((row) => {
        if (row.setting === 'ON') return true;
        const oldest = oldestDigest.get(row.userId);
        return oldest !== undefined && now.getTime() - oldest.getTime() >= DIGEST_WINDOW_MS;
      });
      if (due.length > 0) {
        await tx
          .update(notifications)
          .set({ emailedAt: sql`now()` })
          .where(
            inArray(
              notifications.id,
              due.map((row) => row.id),
            ),
          );
      }
      return due;
    });
  }

  return {
    name: 'notification-digest',
    intervalMs: 60_000,
    async run(now: Date) {
      const due = await claim(now);
      // Each reader's language and zone as they are now, for rows and digests alike.
      const readerOf = await readersOf(
        deps.db,
        [...new Set(due.map((row) => row.userId))],
        deps.config.AGENCY_TIMEZONE,
      );
      const mails: Mail[] = due
        .filter((row) => row.setting === 'ON')
        .map((row) => ({ to: row.email, ...notificationEmail(row, readerOf(row.userId)) }));
      const digests = new Map<string, { reader: Reader; rows: Pending[] }>();
      for (const row of due.filter((r) => r.setting === 'DIGEST')) {
        const digest = digests.get(row.email) ?? { reader: readerOf(row.userId), rows: [] };
        digest.rows.push(row);
        digests.set(row.email, digest);
      }
      for (const [to, { reader, rows }] of digests) mails.push({ to, ...digestEmail(rows, reader) });
      // After commit: a failed delivery is kept in the outbox as FAILED by the mailer.
      for (const mail of mails) await deps.mailer.send(mail);
      return { emailed: mails.length - digests.size, digests: digests.size, notifications: due.length };
    },
  };
}
