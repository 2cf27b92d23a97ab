import type { Transaction } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { UnprocessableError } from '../../errors/app-errors';
import type { AuditService } from '../audit/service';
import type { Notifier, StagedNotification } from '../notifications/service';
import { personName } from '../notifications/wording';

const { conversations, conversationParticipants: cp, messages, files } = schema;

/** Attachments must be live files: MESSAGE attachments of this conversation, or uploaded by the sender. */
async function assertAttachments(tx: Transaction, conversationId: string, senderId: string, fileIds: string[]) {
  if (fileIds.length === 0) return;
  const found = await tx
    .select({ id: files.id })
    .from(files)
    .where(
      and(
        inArray(files.id, fileIds),
        isNull(files.deletedAt),
        or(and(eq(files.entityType, 'MESSAGE'), eq(files.entityId, conversationId)), eq(files.uploadedBy, senderId)),
      ),
    );
  const ok = new Set(found.map((file) => file.id));
  const bad = fileIds.filter((id) => !ok.has(id));
  if (bad.length > 0) {
    throw new UnprocessableError(
      'Attachments must be files uploaded for this conversation or by you',
      bad.map((id) => ({ field: 'body.attachmentFileIds', message: `${id} is not a file you may attach here` })),
    );
  }
}

/**
 * Writes a message in the caller's transaction: the thread's last activity, the sender's own read
 * receipt, an audit row, and notifications to the other participants (delivered after commit).
 */
export async function insertMessage(
  tx: Transaction,
  deps: { audit: AuditService; notifier: Notifier },
  input: { actor: Actor; conversationId: string; body: string; attachmentFileIds: string[] },
): Promise<{ messageId: string; recipients: string[]; staged: StagedNotification }> {
  const { actor, conversationId } = input;
  const attachmentFileIds = [...new Set(input.attachmentFileIds)];
  await assertAttachments(tx, conversationId, actor.id, attachmentFileIds);
  const [message] = await tx
    .insert(messages)
    .values({ conversationId, senderId: actor.id, body: input.body, attachmentFileIds, createdBy: actor.id })
    .returning({ id: messages.id });
  if (!message) throw new Error('message insert returned nothing');
  // now() is the transaction's start, the same instant as the message's created_at.
  await tx
    .update(conversations)
    .set({ lastMessageAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(conversations.id, conversationId));
  await tx
    .update(cp)
    .set({ lastReadAt: sql`greatest(${cp.lastReadAt}, now())` })
    .where(and(eq(cp.conversationId, conversationId), eq(cp.userId, actor.id)));
  await deps.audit.record(
    {
      action: 'MESSAGE_CREATED',
      entityType: 'message',
      entityId: message.id,
      classification: 'PHI',
      newValues: { conversationId, body: input.body, attachmentFileIds },
    },
    tx,
  );
  const participants = await tx
    .select({ userId: cp.userId })
    .from(cp)
    .where(and(eq(cp.conversationId, conversationId), isNull(cp.leftAt), isNull(cp.deletedAt)));
  const recipients = participants.map((p) => p.userId).filter((id) => id !== actor.id);
  // No subject or text: notifications may be emailed (the sender is named in the app only).
  const staged = await deps.notifier.stage(
    {
      userIds: recipients,
      category: 'MESSAGE',
      message: { key: 'messageNew', params: { sender: await personName(tx, actor.id) } },
      entityType: 'conversation',
      entityId: conversationId,
    },
    tx,
  );
  return { messageId: message.id, recipients, staged };
}
