import { schema } from '@caretracker/database';
import type {
  ConversationView,
  CreateConversationBody,
  ListConversationsQuery,
  ListMessagesQuery,
  PostMessageBody,
  SearchMessagesQuery,
} from '@caretracker/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Actor, ownClientId } from '../../context/request-context';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../../errors/app-errors';
import type { ModuleDeps } from '../module-deps';
import { careTeamOf, mayOpenConversationAbout, participationOf } from './access';
import { createParticipantActions } from './participants';
import { insertMessage } from './post-message';
import {
  type ConversationRow,
  findConversation,
  listMine,
  messagesPage,
  participantsOf,
  searchMine,
  summaryOf,
  unreadCountOf,
} from './queries';

const { conversations, conversationParticipants: cp, messages } = schema;

export type MessagesService = ReturnType<typeof createMessagesService>;

/**
 * Conversation threads about a client. Participants read and post; admins read any thread;
 * everyone else gets 404 (logged). Message writes and thread reads are audited (PHI).
 */
export function createMessagesService(deps: ModuleDeps) {
  const { db, audit, notifier } = deps;

  /** The conversation if the actor reads it: a current participant, or an admin. */
  async function requireReadable(actor: Actor, id: string, action: string): Promise<ConversationRow> {
    const conversation = await findConversation(db, id);
    const readable =
      conversation && (actor.role === 'ADMIN' || (await participationOf(db, conversation.id, actor.id)) !== undefined);
    if (!conversation || !readable) {
      if (actor.role !== 'ADMIN') await audit.recordDenied('conversation', id, `not a participant (${action})`);
      throw new NotFoundError('Conversation');
    }
    return conversation;
  }

  /** Posting and read receipts need a live participation, admins included. */
  async function requireParticipant(actor: Actor, id: string, action: string): Promise<ConversationRow> {
    const conversation = await findConversation(db, id);
    if (!conversation || !(await participationOf(db, id, actor.id))) {
      await audit.recordDenied('conversation', id, `not a participant (${action})`);
      // An admin sees every thread, so for them it exists: they must join before writing.
      if (conversation && actor.role === 'ADMIN')
        throw new ForbiddenError('Join the conversation before writing in it');
      throw new NotFoundError('Conversation');
    }
    return conversation;
  }

  async function view(conversation: ConversationRow, actor: Actor): Promise<ConversationView> {
    const [unread, participants] = await Promise.all([
      unreadCountOf(db, conversation.id, actor.id),
      participantsOf(db, conversation.id),
    ]);
    return { ...summaryOf(conversation, unread), participants };
  }

  /** After commit: notification delivery, then live listeners. */
  async function announce(
    conversationId: string,
    messageId: string,
    senderId: string,
    posted: { recipients: string[]; staged: { deliver(): Promise<void> } },
  ) {
    await posted.staged.deliver();
    notifier.publish({
      type: 'message.created',
      userIds: [senderId, ...posted.recipients],
      conversationId,
      messageId,
      senderId,
    });
  }

  return {
    async create(actor: Actor, body: CreateConversationBody): Promise<ConversationView> {
      const clientId = body.clientId ?? (actor.role === 'CLIENT' ? ownClientId(actor) : undefined);
      if (!clientId) {
        throw new UnprocessableError('Name the client the conversation is about', [
          { field: 'body.clientId', message: 'is required' },
        ]);
      }
      if (!(await mayOpenConversationAbout(db, actor, clientId))) {
        await audit.recordDenied('user', clientId, 'conversation about a client outside the care team');
        throw new UnprocessableError('clientId does not name a client you look after', [
          { field: 'body.clientId', message: 'is not a client you look after' },
        ]);
      }
      const { id, posted } = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(conversations)
          .values({ clientId, subject: body.subject, createdBy: actor.id, updatedBy: actor.id })
          .returning();
        if (!created) throw new Error('conversation insert returned nothing');
        const participantIds = [...new Set([...(await careTeamOf(tx, clientId)), actor.id])];
        await tx.insert(cp).values(
          participantIds.map((userId) => ({
            conversationId: created.id,
            userId,
            createdBy: actor.id,
            lastReadAt: userId === actor.id ? sql`now()` : null,
          })),
        );
        await audit.record(
          {
            action: 'CONVERSATION_CREATED',
            entityType: 'conversation',
            entityId: created.id,
            classification: 'PHI',
            newValues: { clientId, subject: body.subject, participantIds },
          },
          tx,
        );
        const posted = body.message
          ? await insertMessage(
              tx,
              { audit, notifier },
              { actor, conversationId: created.id, body: body.message, attachmentFileIds: [] },
            )
          : null;
        return { id: created.id, posted };
      });
      if (posted) await announce(id, posted.messageId, actor.id, posted);
      const conversation = await findConversation(db, id);
      if (!conversation) throw new NotFoundError('Conversation');
      return view(conversation, actor);
    },

    async list(actor: Actor, query: ListConversationsQuery) {
      const { rows, total } = await listMine(db, actor.id, query);
      return {
        data: rows,
        pagination: { page: query.page, limit: query.limit, total, totalPages: Math.ceil(total / query.limit) },
      };
    },

    async get(actor: Actor, id: string): Promise<ConversationView> {
      const conversation = await requireReadable(actor, id, 'read');
      const result = await view(conversation, actor);
      await audit.recordPhiRead('conversation', id);
      return result;
    },

    async messages(actor: Actor, id: string, query: ListMessagesQuery) {
      await requireReadable(actor, id, 'read messages');
      const { views, total } = await messagesPage(db, id, query);
      await audit.recordPhiRead('conversation', id);
      return {
        data: views,
        pagination: { page: query.page, limit: query.limit, total, totalPages: Math.ceil(total / query.limit) },
      };
    },

    async post(actor: Actor, id: string, body: PostMessageBody) {
      await requireParticipant(actor, id, 'post');
      const posted = await db.transaction((tx) =>
        insertMessage(
          tx,
          { audit, notifier },
          { actor, conversationId: id, body: body.body, attachmentFileIds: body.attachmentFileIds },
        ),
      );
      await announce(id, posted.messageId, actor.id, posted);
      const { views } = await messagesPage(db, id, { page: 1, limit: 1 }, [posted.messageId]);
      const [message] = views;
      if (!message) throw new Error('posted message not found');
      return message;
    },

    /** Moves the caller's read receipt forward to a message, or to the newest one; never back. */
    async markRead(actor: Actor, id: string, upToMessageId?: string) {
      await requireParticipant(actor, id, 'mark read');
      const upTo = upToMessageId
        ? sql`(select ${messages.createdAt} from ${messages} where ${messages.id} = ${upToMessageId} and ${messages.conversationId} = ${id})`
        : sql`(select max(${messages.createdAt}) from ${messages} where ${messages.conversationId} = ${id} and ${messages.deletedAt} is null)`;
      if (upToMessageId) {
        const [known] = await db
          .select({ id: messages.id })
          .from(messages)
          .where(and(eq(messages.id, upToMessageId), eq(messages.conversationId, id), isNull(messages.deletedAt)));
        if (!known) {
          throw new UnprocessableError('That message is not in this conversation', [
            { field: 'body.upToMessageId', message: 'is not a message of this conversation' },
          ]);
        }
      }
      const [row] = await db
        .update(cp)
        .set({ lastReadAt: sql`greatest(${cp.lastReadAt}, ${upTo})` })
        .where(and(eq(cp.conversationId, id), eq(cp.userId, actor.id), isNull(cp.leftAt)))
        .returning({ lastReadAt: cp.lastReadAt });
      return { lastReadAt: row?.lastReadAt?.toISOString() ?? null, unreadCount: await unreadCountOf(db, id, actor.id) };
    },

    async search(actor: Actor, query: SearchMessagesQuery) {
      const { hits, total } = await searchMine(db, actor.id, query);
      const conversationIds = [...new Set(hits.map((hit) => hit.conversationId))];
      if (conversationIds.length > 0) {
        await db.transaction(async (tx) => {
          for (const conversationId of conversationIds) await audit.recordPhiRead('conversation', conversationId, tx);
        });
      }
      return {
        data: hits,
        pagination: { page: query.page, limit: query.limit, total, totalPages: Math.ceil(total / query.limit) },
      };
    },

    ...createParticipantActions({ db, audit, requireReadable, view }),
  };
}
