import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type {
  ConversationSummary,
  ListConversationsQuery,
  MessageSearchHit,
  MessageView,
  SearchMessagesQuery,
} from '@caretracker/shared';
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';

const { conversations, conversationParticipants: cp, messages, users } = schema;

export type ConversationRow = typeof conversations.$inferSelect;

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** Messages from others after the user's read receipt (0 when they are not a participant). */
export const unreadFor = (userId: string) => sql<number>`(select count(*)::int from ${messages} m
  join ${cp} p on p.conversation_id = m.conversation_id and p.user_id = ${userId} and p.left_at is null
  where m.conversation_id = conversations.id and m.deleted_at is null and m.sender_id <> ${userId}
  and (p.last_read_at is null or m.created_at > p.last_read_at))`;

export function summaryOf(row: ConversationRow, unreadCount: number): ConversationSummary {
  return {
    id: row.id,
    clientId: row.clientId,
    subject: row.subject,
    lastMessageAt: iso(row.lastMessageAt),
    createdAt: row.createdAt.toISOString(),
    unreadCount,
  };
}

export async function findConversation(executor: Executor, id: string) {
  const [row] = await executor
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), isNull(conversations.deletedAt)));
  return row;
}

/** Conversations the user takes part in, most recently active first. */
export async function listMine(executor: Executor, userId: string, query: ListConversationsQuery) {
  const where: SQL | undefined = and(
    isNull(conversations.deletedAt),
    query.clientId ? eq(conversations.clientId, query.clientId) : undefined,
  );
  const mine = and(
    eq(cp.conversationId, conversations.id),
    eq(cp.userId, userId),
    isNull(cp.leftAt),
    isNull(cp.deletedAt),
  );
  const [rows, [total]] = await Promise.all([
    executor
      .select({ conversation: conversations, unread: unreadFor(userId) })
      .from(conversations)
      .innerJoin(cp, mine)
      .where(where)
      .orderBy(desc(sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`), desc(conversations.id))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    executor.select({ n: count() }).from(conversations).innerJoin(cp, mine).where(where),
  ]);
  return { rows: rows.map((row) => summaryOf(row.conversation, row.unread)), total: total?.n ?? 0 };
}

export async function unreadCountOf(executor: Executor, conversationId: string, userId: string): Promise<number> {
  const [row] = await executor
    .select({ unread: unreadFor(userId) })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  return row?.unread ?? 0;
}

export async function participantsOf(executor: Executor, conversationId: string) {
  const rows = await executor
    .select({
      userId: cp.userId,
      firstName: users.firstName,
      lastName: users.lastName,
      role: users.role,
      joinedAt: cp.createdAt,
      lastReadAt: cp.lastReadAt,
    })
    .from(cp)
    .innerJoin(users, eq(users.id, cp.userId))
    .where(and(eq(cp.conversationId, conversationId), isNull(cp.leftAt), isNull(cp.deletedAt)))
    .orderBy(asc(cp.createdAt), asc(users.lastName));
  return rows.map((row) => ({ ...row, joinedAt: row.joinedAt.toISOString(), lastReadAt: iso(row.lastReadAt) }));
}

/** Current participants other than the sender whose read receipt covers the message (compared in SQL: µs precision). */
const readBy = sql<
  string[]
>`array(select p.user_id::text from ${cp} p where p.conversation_id = ${messages.conversationId}
  and p.user_id <> ${messages.senderId} and p.left_at is null and p.deleted_at is null
  and p.last_read_at >= ${messages.createdAt} order by p.user_id)`;

/** One page of a thread: page 1 holds the newest messages; each page reads oldest to newest. */
export async function messagesPage(
  executor: Executor,
  conversationId: string,
  page: { page: number; limit: number },
  onlyIds?: string[],
) {
  const where = and(eq(messages.conversationId, conversationId), isNull(messages.deletedAt));
  const [rows, [total]] = await Promise.all([
    executor
      .select({
        message: messages,
        sender: { firstName: users.firstName, lastName: users.lastName, role: users.role },
        readBy,
      })
      .from(messages)
      .innerJoin(users, eq(users.id, messages.senderId))
      .where(onlyIds ? and(where, inArray(messages.id, onlyIds)) : where)
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(page.limit)
      .offset((page.page - 1) * page.limit),
    executor.select({ n: count() }).from(messages).where(where),
  ]);
  const views: MessageView[] = rows.reverse().map(({ message, sender, readBy: readers }) => ({
    id: message.id,
    conversationId: message.conversationId,
    senderId: message.senderId,
    sender,
    body: message.body,
    attachmentFileIds: message.attachmentFileIds,
    createdAt: message.createdAt.toISOString(),
    readBy: readers,
  }));
  return { views, total: total?.n ?? 0 };
}

/** Full-text search (the GIN index's own expression) over the conversations the user takes part in. */
export async function searchMine(executor: Executor, userId: string, query: SearchMessagesQuery) {
  const vector = sql`to_tsvector('english', ${messages.body})`;
  const tsQuery = sql`websearch_to_tsquery('english', ${query.q})`;
  const where = and(
    sql`${vector} @@ ${tsQuery}`,
    isNull(messages.deletedAt),
    isNull(conversations.deletedAt),
    query.conversationId ? eq(messages.conversationId, query.conversationId) : undefined,
    sql`exists (select 1 from ${cp} p where p.conversation_id = messages.conversation_id
      and p.user_id = ${userId} and p.left_at is null and p.deleted_at is null)`,
  );
  const [rows, [total]] = await Promise.all([
    executor
      .select({ message: messages, subject: conversations.subject })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(where)
      .orderBy(desc(sql`ts_rank(${vector}, ${tsQuery})`), desc(messages.createdAt))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    executor
      .select({ n: count() })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(where),
  ]);
  const hits: MessageSearchHit[] = rows.map(({ message, subject }) => ({
    id: message.id,
    conversationId: message.conversationId,
    subject,
    senderId: message.senderId,
    body: message.body,
    createdAt: message.createdAt.toISOString(),
  }));
  return { hits, total: total?.n ?? 0 };
}
