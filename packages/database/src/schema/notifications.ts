import { boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bookkeeping, id, tstz } from './columns';
import { users } from './users';

/**
 * Classification: PHI (a title may name a client). In-app notifications; email delivery,
 * preferences and digests build on this table.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    category: text('category').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /**
     * What the apps show in the reader's language: a message key (`visit.cancelled`) and its values
     * (times as ISO instants, with the reader's zone). Null on older rows: the apps show title and
     * body, which stay the English text for email and for those rows.
     */
    messageKey: text('message_key'),
    messageParams: jsonb('message_params').$type<Record<string, string | number>>(),
    entityType: text('entity_type'),
    entityId: uuid('entity_id'),
    urgent: boolean('urgent').notNull().default(false),
    readAt: tstz('read_at'),
    /** When it went out by email, alone (urgent) or in a digest. */
    emailedAt: tstz('emailed_at'),
    ...bookkeeping(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_entity_idx').on(t.entityType, t.entityId),
  ],
);
