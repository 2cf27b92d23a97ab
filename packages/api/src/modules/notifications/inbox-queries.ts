import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { LOCKED_NOTIFICATION_CATEGORIES, type NotificationView } from '@caretracker/shared';
import { and, count, desc, eq, inArray, isNull, not, or, type SQL } from 'drizzle-orm';
import { hiddenInApp } from './preferences';

const { notifications } = schema;

type NotificationRow = typeof notifications.$inferSelect;

export function notificationView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    category: row.category,
    title: row.title,
    body: row.body,
    messageKey: row.messageKey ?? null,
    messageParams: row.messageParams ?? null,
    entityType: row.entityType,
    entityId: row.entityId,
    urgent: row.urgent,
    readAt: row.readAt?.toISOString() ?? null,
    emailedAt: row.emailedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The user's inbox: their live notifications, minus categories they turned off in-app (emergencies always show). */
export function inboxOf(userId: string, options: { unreadOnly?: boolean } = {}): SQL | undefined {
  return and(
    eq(notifications.userId, userId),
    isNull(notifications.deletedAt),
    options.unreadOnly ? isNull(notifications.readAt) : undefined,
    or(
      inArray(notifications.category, [...LOCKED_NOTIFICATION_CATEGORIES]),
      not(hiddenInApp(notifications.userId, notifications.category)),
    ),
  );
}

export async function listInbox(
  executor: Executor,
  userId: string,
  query: { page: number; limit: number; unreadOnly: boolean },
) {
  const where = inboxOf(userId, query);
  const [rows, [total]] = await Promise.all([
    executor
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    executor.select({ n: count() }).from(notifications).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function unreadCount(executor: Executor, userId: string): Promise<number> {
  const [row] = await executor
    .select({ n: count() })
    .from(notifications)
    .where(inboxOf(userId, { unreadOnly: true }));
  return row?.n ?? 0;
}
