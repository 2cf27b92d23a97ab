import type { Database, Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { type NotificationMessage, wordNotification } from '@caretracker/shared/notification-words';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { currentContext } from '../../context/request-context';
import type { Mailer } from '../../infra/mailer';
import { familyOfClients } from '../family/queries';
import { notificationEmail } from './email';
import { notificationView } from './inbox-queries';
import { createLiveEvents, type LiveEvent } from './live-events';
import { isLockedCategory, settingsFor } from './preferences';
import { type Reader, readersOf } from './wording';

const { notifications, users } = schema;

export interface NotificationInput {
  /** A client among them is told with their family members (who act for them), each by their own preferences. */
  userIds: string[];
  category: string;
  /**
   * What it says: a key of `NotificationParamsByKey` and its values (names resolved here, times as
   * ISO instants; the reader's zone is added as `timeZone`). The apps word it in the reader's
   * language and name the client; the stored title and body (English) and email use the
   * name-free words of `@caretracker/shared/notification-words`, times in the reader's zone.
   */
  message: NotificationMessage;
  entityType?: string;
  entityId?: string;
  /** Urgent ones are also emailed at once (unless the user turned email off; emergencies always). */
  urgent?: boolean;
}

/** Stored rows of one notify call, and what is left to do once the operation has committed. */
export interface StagedNotification {
  notificationIds: string[];
  /** Emails the urgent ones and tells live listeners; call after the transaction commits. */
  deliver(): Promise<void>;
}

export type Notifier = ReturnType<typeof createNotifier>;
export type { LiveEvent };

/**
 * Every notification is created here, so preferences, email and live delivery are decided in one
 * place. Rows are stored in the caller's transaction; non-urgent email goes out later through
 * `notificationDigestJob` (one by one or in a digest, per preference).
 */
export function createNotifier(deps: {
  db: Database;
  mailer: Mailer;
  agencyTimeZone: string;
  log?: FastifyBaseLogger;
}) {
  const live = createLiveEvents(deps.log);

  /**
   * The recipients with the family members of every client among them: a family member sees what
   * the client sees, so they are told what the client is told. Not the person whose action this
   * is (a daughter cancelling for her father is not told she cancelled), unless named outright.
   */
  async function withFamily(executor: Executor, named: string[]): Promise<string[]> {
    const actorId = currentContext().actor?.id;
    const family = (await familyOfClients(executor, named))
      .map((link) => link.familyUserId)
      .filter((id) => id !== actorId);
    return [...new Set([...named, ...family])];
  }

  async function stage(input: NotificationInput, executor: Executor = deps.db): Promise<StagedNotification> {
    const userIds = await withFamily(executor, [...new Set(input.userIds)]);
    const urgent = input.urgent ?? false;
    const settings = await settingsFor(executor, userIds, input.category);
    const locked = isLockedCategory(input.category);
    // A user with both channels off gets nothing; in-app OFF alone keeps the row (for email) but hides it.
    const kept = userIds.filter(
      (id) => locked || settings.get(id)?.IN_APP !== 'OFF' || settings.get(id)?.EMAIL !== 'OFF',
    );
    const readerOf = await readersOf(executor, kept, deps.agencyTimeZone);
    const params: Record<string, string | number> = input.message.params;
    const rows =
      kept.length === 0
        ? []
        : await executor
            .insert(notifications)
            .values(
              kept.map((userId) => {
                const { timeZone } = readerOf(userId);
                const english = wordNotification(input.message.key, params, { language: 'en', timeZone })!;
                return {
                  userId,
                  category: input.category,
                  title: english.title,
                  body: english.body,
                  messageKey: input.message.key,
                  messageParams: { ...params, timeZone },
                  entityType: input.entityType ?? null,
                  entityId: input.entityId ?? null,
                  urgent,
                };
              }),
            )
            .returning();
    const emailNow = urgent ? rows.filter((row) => locked || settings.get(row.userId)?.EMAIL !== 'OFF') : [];
    const shown = rows.filter((row) => locked || settings.get(row.userId)?.IN_APP !== 'OFF');
    return {
      notificationIds: rows.map((row) => row.id),
      async deliver() {
        if (emailNow.length > 0) await emailAtOnce(emailNow, readerOf);
        for (const row of shown)
          live.publish({ type: 'notification.created', userIds: [row.userId], notification: notificationView(row) });
      },
    };
  }

  /** Each reader's own words, in their language, from the row's key. */
  async function emailAtOnce(rows: Array<typeof notifications.$inferSelect>, readerOf: (userId: string) => Reader) {
    const rowOf = new Map(rows.map((row) => [row.userId, row]));
    const recipients = await deps.db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        and(
          inArray(
            users.id,
            rows.map((row) => row.userId),
          ),
          eq(users.isActive, true),
          isNull(users.deletedAt),
        ),
      );
    for (const { id, email } of recipients) {
      await deps.mailer.send({ to: email, ...notificationEmail(rowOf.get(id)!, readerOf(id)) });
    }
    const sentTo = new Set(recipients.map((recipient) => recipient.id));
    const ids = rows.filter((row) => sentTo.has(row.userId)).map((row) => row.id);
    if (ids.length > 0)
      await deps.db.update(notifications).set({ emailedAt: new Date() }).where(inArray(notifications.id, ids));
  }

  return {
    stage,

    /**
     * Stores and delivers at once. Inside a transaction, prefer `stage` and call `deliver` after
     * the commit: urgent email must not go out for a change that may still roll back.
     */
    async notify(input: NotificationInput, executor: Executor = deps.db): Promise<void> {
      const staged = await stage(input, executor);
      await staged.deliver();
    },

    /** Live delivery (WebSockets) subscribes here; messages and emergencies publish here after they commit. */
    subscribe: live.subscribe,
    publish: live.publish,

    /** The people to tell about a client: their supervisor, or every admin when there is none. */
    async supervisorsOf(executor: Executor, clientId: string): Promise<string[]> {
      const [client] = await executor
        .select({ supervisorId: users.supervisorId })
        .from(users)
        .where(eq(users.id, clientId));
      if (client?.supervisorId) return [client.supervisorId];
      return activeUserIds(executor, ['ADMIN']);
    },
  };
}

/** Active users holding one of the roles. */
export async function activeUserIds(executor: Executor, roles: Array<'ADMIN' | 'SUPERVISOR'>): Promise<string[]> {
  const rows = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, roles), eq(users.isActive, true), isNull(users.deletedAt)));
  return rows.map((row) => row.id);
}
