import { schema } from '@caretracker/database';
import {
  canManageFamilyLinks,
  type FamilyCandidate,
  type FamilyCandidatesQuery,
  type FamilyMember,
  type LinkFamilyMemberBody,
} from '@caretracker/shared';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../../errors/app-errors';
import type { ModuleDeps } from '../module-deps';
import { uniqueViolation } from '../users/queries';
import { findLiveClientUser, isClientInCare, listFamilyCandidates, listFamilyMembers, liveLinkOf } from './queries';

const { familyLinks, conversations, conversationParticipants: cp } = schema;

export type FamilyService = ReturnType<typeof createFamilyService>;

/**
 * Family members of a client (PRODUCT.md "family"): a CLIENT-role login of their own that sees
 * what the client sees. Admins link and unlink them; linking also seats them in the client's
 * conversations, unlinking takes them out, and access ends at once (it is looked up per request).
 */
export function createFamilyService(deps: Pick<ModuleDeps, 'db' | 'audit'>) {
  const { db, audit } = deps;

  async function requireAdminOnClient(actor: Actor, clientId: string, what: string) {
    if (!canManageFamilyLinks(actor.role)) {
      await audit.recordDenied('family_link', clientId, `role may not ${what} family members`);
      throw new ForbiddenError('Only admins manage who acts for a client');
    }
    if (!(await findLiveClientUser(db, clientId))) throw new NotFoundError('Client');
  }

  return {
    async list(actor: Actor, clientId: string): Promise<FamilyMember[]> {
      await requireAdminOnClient(actor, clientId, 'list');
      const members = await listFamilyMembers(db, clientId);
      await audit.recordPhiRead('family_link', clientId);
      return members;
    },

    /** Logins the admin may link to this client; names and emails of accounts, no one's care record. */
    async candidates(actor: Actor, clientId: string, query: FamilyCandidatesQuery): Promise<FamilyCandidate[]> {
      await requireAdminOnClient(actor, clientId, 'look for');
      return listFamilyCandidates(db, clientId, query.search);
    },

    async link(actor: Actor, clientId: string, body: LinkFamilyMemberBody): Promise<FamilyMember[]> {
      await requireAdminOnClient(actor, clientId, 'link');
      const refuse = (message: string): never => {
        throw new UnprocessableError('That account cannot act for this client', [{ field: 'body.userId', message }]);
      };
      if (body.userId === clientId) refuse('is the client themself');
      if (!(await findLiveClientUser(db, body.userId))) refuse('is not a live client-role account');
      const existing = await liveLinkOf(db, body.userId);
      if (existing) {
        throw new ConflictError(
          existing.clientId === clientId ? 'Already acts for this client' : 'Already acts for another client',
          { userId: body.userId },
        );
      }
      if (await isClientInCare(db, body.userId)) refuse('is a client in care in their own right');
      if (await liveLinkOf(db, clientId)) refuse('names a client who acts for someone else');

      await db
        .transaction(async (tx) => {
          const [link] = await tx
            .insert(familyLinks)
            .values({
              clientId,
              familyUserId: body.userId,
              relationship: body.relationship ?? null,
              createdBy: actor.id,
              updatedBy: actor.id,
            })
            .returning({ id: familyLinks.id });
          // They read and write the client's threads as the client does.
          await tx.execute(sql`insert into ${cp} (conversation_id, user_id, created_by)
            select ${conversations.id}, ${body.userId}, ${actor.id} from ${conversations}
            where ${conversations.clientId} = ${clientId} and ${conversations.deletedAt} is null
            on conflict (conversation_id, user_id) do update set left_at = null, deleted_at = null,
              updated_at = now(), updated_by = ${actor.id}, version = ${cp}.version + 1`);
          await audit.record(
            {
              action: 'FAMILY_MEMBER_LINKED',
              entityType: 'user',
              entityId: clientId,
              classification: 'PHI',
              metadata: { familyUserId: body.userId, linkId: link?.id ?? null },
            },
            tx,
          );
        })
        .catch((error: unknown) => {
          if (uniqueViolation(error) !== null) {
            throw new ConflictError('Already acts for a client', { userId: body.userId });
          }
          throw error;
        });
      return listFamilyMembers(db, clientId);
    },

    async unlink(actor: Actor, clientId: string, familyUserId: string): Promise<void> {
      await requireAdminOnClient(actor, clientId, 'unlink');
      await db.transaction(async (tx) => {
        const ended = await tx
          .update(familyLinks)
          .set({
            deletedAt: new Date(),
            updatedAt: new Date(),
            updatedBy: actor.id,
            version: sql`${familyLinks.version} + 1`,
          })
          .where(
            and(
              eq(familyLinks.clientId, clientId),
              eq(familyLinks.familyUserId, familyUserId),
              isNull(familyLinks.deletedAt),
            ),
          )
          .returning({ id: familyLinks.id });
        if (ended.length === 0) throw new NotFoundError('Family member');
        const clientThreads = tx
          .select({ id: conversations.id })
          .from(conversations)
          .where(eq(conversations.clientId, clientId));
        await tx
          .update(cp)
          .set({ leftAt: new Date(), updatedAt: new Date(), updatedBy: actor.id })
          .where(and(eq(cp.userId, familyUserId), isNull(cp.leftAt), inArray(cp.conversationId, clientThreads)));
        await audit.record(
          {
            action: 'FAMILY_MEMBER_UNLINKED',
            entityType: 'user',
            entityId: clientId,
            classification: 'PHI',
            metadata: { familyUserId, linkId: ended[0]?.id ?? null },
          },
          tx,
        );
      });
    },
  };
}
