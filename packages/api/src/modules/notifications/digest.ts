import { schema } from '@caretracker/database';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Mail } from '../../infra/mailer';
import type { Job } from '../jobs/runner';
import type { ModuleDeps } from '../module-deps';
import { emailSetting } from './preferences';

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
  createdAt: Date;
  setting: string;
}

/**
 * Emails non-urgent notifications that are still unread and not yet emailed: those whose
 * owner chose EMAIL = ON one by one (within a minute), and the DIGEST ones (the default) as one
 * digest per user, once the oldest has waited DIGEST_WINDOW_MS. Rows are claimed (emailed_at set,
 * `SKIP LOCKED`) before sending, so two replicas never send the same notification.
 */
export function notificationDigestJob(deps: Pick<ModuleDeps, 'db' | 'mailer'>): Job {
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
      const mails: Mail[] = due
        .filter((row) => row.setting === 'ON')
        .map((row) => ({
          to: row.email,
          subject: `CareTracker: ${row.title}`,
          text: `${row.body}\n\nOpen CareTracker for details.`,
        }));
      const digests = new Map<string, Pending[]>();
      for (const row of due.filter((r) => r.setting === 'DIGEST')) {
        digests.set(row.email, [...(digests.get(row.email) ?? []), row]);
      }
      for (const [to, rows] of digests) mails.push(digestMail(to, rows));
      // After commit: a failed delivery is kept in the outbox as FAILED by the mailer.
      for (const mail of mails) await deps.mailer.send(mail);
      return { emailed: mails.length - digests.size, digests: digests.size, notifications: due.length };
    },
  };
}

function digestMail(to: string, rows: Pending[]): Mail {
  const lines = rows.map(
    (row) => `- ${row.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC  ${row.title}: ${row.body}`,
  );
  return {
    to,
    subject: `CareTracker: ${rows.length} new notification${rows.length === 1 ? '' : 's'}`,
    text: `Since your last digest:\n\n${lines.join('\n')}\n\nOpen CareTracker for details.`,
  };
}
