import { schema } from '@caretracker/database';
import {
  DEFAULT_NOTIFICATION_SETTING,
  type ListNotificationsQuery,
  NOTIFICATION_CATEGORIES,
  NOTIFICATION_CHANNELS,
  type NotificationPreferenceView,
  type UpdateNotificationPreferencesBody,
} from '@caretracker/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { NotFoundError, UnprocessableError } from '../../errors/app-errors';
import type { ModuleDeps } from '../module-deps';
import { inboxOf, listInbox, notificationView, unreadCount } from './inbox-queries';
import { isLockedCategory } from './preferences';

const { notifications, notificationPreferences } = schema;

export type InboxService = ReturnType<typeof createInboxService>;

/** The signed-in user's own notifications and preferences; nobody reads another user's inbox. */
export function createInboxService(deps: Pick<ModuleDeps, 'db' | 'audit'>) {
  const { db, audit } = deps;

  async function preferences(userId: string): Promise<NotificationPreferenceView[]> {
    const stored = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
    const categories = [...new Set([...NOTIFICATION_CATEGORIES, ...stored.map((row) => row.category)])];
    return categories.flatMap((category) =>
      NOTIFICATION_CHANNELS.map((channel) => {
        const row = stored.find((p) => p.category === category && p.channel === channel);
        const locked = isLockedCategory(category);
        return {
          category,
          channel,
          setting: locked ? 'ON' : (row?.enabled ?? DEFAULT_NOTIFICATION_SETTING[channel]),
          editable: !locked,
          isDefault: locked || !row,
        };
      }),
    );
  }

  return {
    async list(actor: Actor, query: ListNotificationsQuery) {
      const { rows, total } = await listInbox(db, actor.id, query);
      // Titles carry no names by convention, but the table is classed PHI: one read row per page.
      if (rows.length > 0) await audit.recordPhiRead('notification_inbox', actor.id);
      return {
        data: rows.map(notificationView),
        pagination: { page: query.page, limit: query.limit, total, totalPages: Math.ceil(total / query.limit) },
      };
    },

    unreadCount: (actor: Actor) => unreadCount(db, actor.id),

    async markRead(actor: Actor, id: string) {
      const [row] = await db
        .update(notifications)
        .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
        .where(and(eq(notifications.id, id), eq(notifications.userId, actor.id), isNull(notifications.deletedAt)))
        .returning();
      if (!row) {
        await audit.recordDenied('notification', id, 'not the owner (mark read)');
        throw new NotFoundError('Notification');
      }
      return notificationView(row);
    },

    async markAllRead(actor: Actor) {
      const rows = await db
        .update(notifications)
        .set({ readAt: sql`now()` })
        .where(inboxOf(actor.id, { unreadOnly: true }))
        .returning({ id: notifications.id });
      return { marked: rows.length };
    },

    preferences: (actor: Actor) => preferences(actor.id),

    async updatePreferences(actor: Actor, body: UpdateNotificationPreferencesBody) {
      const locked = body.preferences.filter((p) => isLockedCategory(p.category) && p.setting !== 'ON');
      if (locked.length > 0) {
        throw new UnprocessableError(
          'Emergency alerts always reach you in the app and by email',
          locked.map((p) => ({
            field: 'body.preferences',
            message: `${p.category} ${p.channel} cannot be turned off`,
          })),
        );
      }
      const before = await preferences(actor.id);
      await db.transaction(async (tx) => {
        for (const p of body.preferences) {
          await tx
            .insert(notificationPreferences)
            .values({ userId: actor.id, category: p.category, channel: p.channel, enabled: p.setting })
            .onConflictDoUpdate({
              target: [
                notificationPreferences.userId,
                notificationPreferences.category,
                notificationPreferences.channel,
              ],
              set: { enabled: p.setting, updatedAt: new Date() },
            });
        }
        await audit.record(
          {
            action: 'NOTIFICATION_PREFERENCES_UPDATED',
            entityType: 'user',
            entityId: actor.id,
            classification: 'INTERNAL',
            oldValues: Object.fromEntries(
              body.preferences.map((p) => [
                `${p.category}.${p.channel}`,
                before.find((b) => b.category === p.category && b.channel === p.channel)?.setting ??
                  DEFAULT_NOTIFICATION_SETTING[p.channel],
              ]),
            ),
            newValues: Object.fromEntries(body.preferences.map((p) => [`${p.category}.${p.channel}`, p.setting])),
          },
          tx,
        );
      });
      return preferences(actor.id);
    },
  };
}
