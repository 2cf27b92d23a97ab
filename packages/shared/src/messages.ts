import { z } from 'zod';
import { paginationQuerySchema } from './envelope';

const text = (max: number) => z.string().trim().min(1).max(max);

/** Staff open a thread about one of their clients; a client about themself (clientId may be left out). */
export const createConversationBodySchema = z.strictObject({
  clientId: z.uuid().optional(),
  subject: text(200),
  /** An optional first message. */
  message: text(5000).optional(),
});
export type CreateConversationBody = z.infer<typeof createConversationBodySchema>;

export const listConversationsQuerySchema = paginationQuerySchema.extend({ clientId: z.uuid().optional() });
export type ListConversationsQuery = z.infer<typeof listConversationsQuerySchema>;

export const listMessagesQuerySchema = paginationQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListMessagesQuery = z.infer<typeof listMessagesQuerySchema>;

export const postMessageBodySchema = z.strictObject({
  body: text(5000),
  /** Files already uploaded (as MESSAGE attachments of this conversation, or by the sender). */
  attachmentFileIds: z.array(z.uuid()).max(10).default([]),
});
export type PostMessageBody = z.infer<typeof postMessageBodySchema>;

export const markConversationReadBodySchema = z.strictObject({
  /** Read up to this message; without it, everything in the thread so far. */
  upToMessageId: z.uuid().optional(),
});

export const searchMessagesQuerySchema = paginationQuerySchema.extend({
  q: text(200).min(2),
  conversationId: z.uuid().optional(),
});
export type SearchMessagesQuery = z.infer<typeof searchMessagesQuerySchema>;

export const participantBodySchema = z.strictObject({ userId: z.uuid() });

const person = { firstName: z.string(), lastName: z.string(), role: z.string() };

export const participantViewSchema = z.object({
  userId: z.uuid(),
  ...person,
  joinedAt: z.string(),
  /** Read receipt: every message up to this instant has been read. */
  lastReadAt: z.string().nullable(),
});

export const conversationSummarySchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  subject: z.string(),
  lastMessageAt: z.string().nullable(),
  createdAt: z.string(),
  /** Messages from others after my read receipt. */
  unreadCount: z.number().int(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

export const conversationViewSchema = conversationSummarySchema.extend({
  participants: z.array(participantViewSchema),
});
export type ConversationView = z.infer<typeof conversationViewSchema>;

export const messageViewSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  senderId: z.uuid(),
  sender: z.object(person),
  body: z.string(),
  attachmentFileIds: z.array(z.uuid()),
  createdAt: z.string(),
  /** Current participants other than the sender whose read receipt covers this message. */
  readBy: z.array(z.uuid()),
});
export type MessageView = z.infer<typeof messageViewSchema>;

export const markReadResultSchema = z.object({ lastReadAt: z.string().nullable(), unreadCount: z.number().int() });

export const messageSearchHitSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  subject: z.string(),
  senderId: z.uuid(),
  body: z.string(),
  createdAt: z.string(),
});
export type MessageSearchHit = z.infer<typeof messageSearchHitSchema>;
