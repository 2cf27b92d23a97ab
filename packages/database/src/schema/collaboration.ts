import { sql } from 'drizzle-orm';
import { bigint, doublePrecision, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bookkeeping, id, tstz } from './columns';
import { users } from './users';
import { visits } from './visits';

/** Classification: PHI. A conversation thread about a client among their care team, the client and family. */
export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => users.id),
    subject: text('subject').notNull(),
    lastMessageAt: tstz('last_message_at'),
    ...bookkeeping(),
  },
  (t) => [index('conversations_client_idx').on(t.clientId, t.lastMessageAt)],
);

export const conversationParticipants = pgTable(
  'conversation_participants',
  {
    id: id(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Read receipts: every message up to this instant has been read by this participant. */
    lastReadAt: tstz('last_read_at'),
    leftAt: tstz('left_at'),
    ...bookkeeping(),
  },
  (t) => [
    uniqueIndex('conversation_participants_key').on(t.conversationId, t.userId),
    index('conversation_participants_user_idx').on(t.userId),
  ],
);

/** Classification: PHI. */
export const messages = pgTable(
  'messages',
  {
    id: id(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    attachmentFileIds: uuid('attachment_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ...bookkeeping(),
  },
  (t) => [index('messages_conversation_idx').on(t.conversationId, t.createdAt)],
);

/** Classification: INTERNAL. Per user, category and channel (IN_APP, EMAIL): on or off. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    category: text('category').notNull(),
    channel: text('channel', { enum: ['IN_APP', 'EMAIL'] }).notNull(),
    enabled: text('enabled', { enum: ['ON', 'OFF', 'DIGEST'] }).notNull(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.category, t.channel] })],
);

/** Classification: PHI. One press of the emergency button; its timeline is `emergency_alert_events`. */
export const emergencyAlerts = pgTable(
  'emergency_alerts',
  {
    id: id(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => users.id),
    visitId: uuid('visit_id').references(() => visits.id),
    raisedBy: uuid('raised_by')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] })
      .notNull()
      .default('OPEN'),
    message: text('message'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    acknowledgedAt: tstz('acknowledged_at'),
    escalatedAt: tstz('escalated_at'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: tstz('resolved_at'),
    resolutionNote: text('resolution_note'),
    ...bookkeeping(),
  },
  (t) => [
    index('emergency_alerts_open_idx').on(t.status, t.createdAt),
    index('emergency_alerts_client_idx').on(t.clientId, t.createdAt),
  ],
);

export const emergencyAlertEvents = pgTable(
  'emergency_alert_events',
  {
    id: id(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => emergencyAlerts.id),
    type: text('type', { enum: ['RAISED', 'REPEATED', 'NOTIFIED', 'ACKNOWLEDGED', 'ESCALATED', 'RESOLVED'] }).notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('emergency_alert_events_alert_idx').on(t.alertId, t.createdAt)],
);

/** Classification: PHI. An uploaded file; the bytes live in the storage driver under `storage_key`. */
export const files = pgTable(
  'files',
  {
    id: id(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    entityType: text('entity_type', { enum: ['CLIENT', 'VISIT', 'EXPENSE', 'PROFILE', 'MESSAGE'] }).notNull(),
    entityId: uuid('entity_id').notNull(),
    category: text('category').notNull(),
    originalName: text('original_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageDriver: text('storage_driver', { enum: ['local', 's3'] }).notNull(),
    storageKey: text('storage_key').notNull(),
    description: text('description'),
    ...bookkeeping(),
  },
  (t) => [
    index('files_entity_idx').on(t.entityType, t.entityId),
    uniqueIndex('files_storage_key').on(t.storageDriver, t.storageKey),
  ],
);
