import type { Database } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { ConversationView } from '@caretracker/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../../errors/app-errors';
import type { AuditService } from '../audit/service';
import { managesParticipants, mayParticipate } from './access';
import type { ConversationRow } from './queries';

const { conversationParticipants: cp } = schema;

/** Adding and removing participants: admins, and the supervisors of the client's team. */
export function createParticipantActions(deps: {
  db: Database;
  audit: AuditService;
  requireReadable(actor: Actor, id: string, action: string): Promise<ConversationRow>;
  view(conversation: ConversationRow, actor: Actor): Promise<ConversationView>;
}) {
  const { db, audit } = deps;

  async function requireManager(actor: Actor, id: string, action: string): Promise<ConversationRow> {
    const conversation = await deps.requireReadable(actor, id, action);
    if (!(await managesParticipants(db, actor, conversation.clientId))) {
      await audit.recordDenied('conversation', id, `may not ${action}`);
      throw new ForbiddenError("Only the client's supervisor or an admin changes who takes part");
    }
    return conversation;
  }

  return {
    async addParticipant(actor: Actor, id: string, userId: string): Promise<ConversationView> {
      const conversation = await requireManager(actor, id, 'add participants');
      if (!(await mayParticipate(db, conversation.clientId, userId))) {
        throw new UnprocessableError('That person cannot join a conversation about this client', [
          {
            field: 'body.userId',
            message: "is not the client, their care team, an admin or a family contact in the client's team",
          },
        ]);
      }
      await db.transaction(async (tx) => {
        const [existing] = await tx
          .select()
          .from(cp)
          .where(and(eq(cp.conversationId, id), eq(cp.userId, userId), isNull(cp.deletedAt)))
          .for('update');
        if (existing && existing.leftAt === null) throw new ConflictError('Already a participant', { userId });
        if (existing) {
          await tx
            .update(cp)
            .set({ leftAt: null, updatedAt: new Date(), updatedBy: actor.id, version: existing.version + 1 })
            .where(eq(cp.id, existing.id));
        } else {
          await tx.insert(cp).values({ conversationId: id, userId, createdBy: actor.id });
        }
        await audit.record(
          {
            action: 'CONVERSATION_PARTICIPANT_ADDED',
            entityType: 'conversation',
            entityId: id,
            classification: 'PHI',
            newValues: { userId },
          },
          tx,
        );
      });
      return deps.view(conversation, actor);
    },

    async removeParticipant(actor: Actor, id: string, userId: string): Promise<ConversationView> {
      const conversation = await requireManager(actor, id, 'remove participants');
      await db.transaction(async (tx) => {
        const [removed] = await tx
          .update(cp)
          .set({ leftAt: new Date(), updatedAt: new Date(), updatedBy: actor.id })
          .where(and(eq(cp.conversationId, id), eq(cp.userId, userId), isNull(cp.leftAt), isNull(cp.deletedAt)))
          .returning({ id: cp.id });
        if (!removed) throw new NotFoundError('Participant');
        await audit.record(
          {
            action: 'CONVERSATION_PARTICIPANT_REMOVED',
            entityType: 'conversation',
            entityId: id,
            classification: 'PHI',
            oldValues: { userId },
          },
          tx,
        );
      });
      return deps.view(conversation, actor);
    },
  };
}
