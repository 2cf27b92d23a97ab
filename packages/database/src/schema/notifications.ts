import { boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
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
