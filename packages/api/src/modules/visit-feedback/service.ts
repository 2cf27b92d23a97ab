import { schema } from '@caretracker/database';
import {
  ACCESS_MATRIX,
  type Role,
  type VisitChangeRequestBody,
  type VisitChangeRequestView,
  type VisitRatingView,
} from '@caretracker/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { ConflictError, ForbiddenError, ValidationError } from '../../errors/app-errors';
import type { ModuleDeps } from '../module-deps';
import { personName } from '../notifications/wording';
import { createVisitGuard } from '../visits/guard';
import { ratingEditableUntil, shapeRating } from './shape';

const { visitRatings } = schema;

type FeedbackAction = 'rate' | 'requestChange';
const REFUSALS: Record<FeedbackAction, string> = {
  rate: 'Only the client rates their visits',
  requestChange: 'Only the client asks for a change to their visits',
};
const mayDo = (role: Role, action: FeedbackAction) =>
  (ACCESS_MATRIX.visit.may[role] as readonly string[]).includes(action);

export type VisitFeedbackService = ReturnType<typeof createVisitFeedbackService>;

/**
 * What a client tells the office about their own visits: a rating once a visit is completed (one
 * per visit, changeable for RATING_EDIT_DAYS) and a request to move an upcoming one, which reaches
 * their supervisor as a notification. Outsiders get 404, other roles 403; both audited.
 */
export function createVisitFeedbackService(deps: ModuleDeps) {
  const { db, audit, notifier } = deps;
  const guard = createVisitGuard(db, audit);

  async function requireMay(actor: Actor, visitId: string, action: FeedbackAction) {
    // Visibility first: to an outsider the visit does not exist, whatever their role.
    const record = await guard.requireVisible(actor, visitId, action);
    if (!mayDo(actor.role, action))
      await guard.deny(visitId, `role may not ${action}`, new ForbiddenError(REFUSALS[action]));
    return record;
  }

  return {
    async rate(
      actor: Actor,
      visitId: string,
      body: { stars: number; comment: string | null },
    ): Promise<VisitRatingView> {
      const { visit } = await requireMay(actor, visitId, 'rate');
      if (visit.status !== 'COMPLETED') {
        throw new ConflictError('A visit can be rated once it is completed', { reason: 'NOT_COMPLETED' });
      }
      return db.transaction(async (tx) => {
        const [existing] = await tx
          .select()
          .from(visitRatings)
          .where(and(eq(visitRatings.visitId, visitId), isNull(visitRatings.deletedAt)))
          .for('update');
        const now = new Date();
        if (existing && now > ratingEditableUntil(existing)) {
          throw new ConflictError('This rating can no longer be changed', {
            reason: 'EDIT_WINDOW_CLOSED',
            editableUntil: ratingEditableUntil(existing).toISOString(),
          });
        }
        const [row] = existing
          ? await tx
              .update(visitRatings)
              .set({
                stars: body.stars,
                comment: body.comment,
                updatedAt: now,
                updatedBy: actor.id,
                version: sql`${visitRatings.version} + 1`,
              })
              .where(eq(visitRatings.id, existing.id))
              .returning()
          : await tx
              .insert(visitRatings)
              .values({
                visitId,
                clientId: visit.clientId,
                stars: body.stars,
                comment: body.comment,
                createdBy: actor.id,
                updatedBy: actor.id,
              })
              .onConflictDoNothing()
              .returning();
        // Two first ratings at once: the other won; this one is told to try again.
        if (!row) throw new ConflictError('The visit was rated meanwhile; please try again');
        await audit.record(
          {
            action: existing ? 'VISIT_RATING_CHANGED' : 'VISIT_RATED',
            entityType: 'visit',
            entityId: visitId,
            classification: 'PHI',
            oldValues: existing ? { stars: existing.stars, comment: existing.comment } : undefined,
            newValues: { stars: row.stars, comment: row.comment },
          },
          tx,
        );
        return shapeRating(row);
      });
    },

    async requestChange(actor: Actor, visitId: string, body: VisitChangeRequestBody): Promise<VisitChangeRequestView> {
      const { visit } = await requireMay(actor, visitId, 'requestChange');
      const now = new Date();
      if (!(visit.status === 'SCHEDULED' || visit.status === 'CONFIRMED') || visit.scheduledStart <= now) {
        throw new ConflictError('Only a visit that has not started yet can be changed', { reason: 'NOT_UPCOMING' });
      }
      const preferredStart = new Date(body.preferredStart);
      const preferredEnd = new Date(body.preferredEnd);
      if (preferredStart <= now) {
        throw new ValidationError('The new time must be in the future', [
          { field: 'preferredStart', message: 'must be in the future' },
        ]);
      }
      const requestedAt = await db.transaction(async (tx) => {
        const supervisors = await notifier.supervisorsOf(tx, visit.clientId);
        await notifier.notify(
          {
            userIds: supervisors,
            category: 'VISIT_REQUESTED',
            message: {
              key: 'visitChangeRequested',
              params: {
                client: await personName(tx, visit.clientId),
                start: visit.scheduledStart.toISOString(),
                preferredStart: preferredStart.toISOString(),
                preferredEnd: preferredEnd.toISOString(),
                note: body.note,
              },
            },
            entityType: 'visit',
            entityId: visitId,
          },
          tx,
        );
        await audit.record(
          {
            action: 'VISIT_CHANGE_REQUESTED',
            entityType: 'visit',
            entityId: visitId,
            classification: 'PHI',
            newValues: { preferredStart: body.preferredStart, preferredEnd: body.preferredEnd, note: body.note },
          },
          tx,
        );
        return { at: new Date(), supervisorNotified: supervisors.length > 0 };
      });
      return {
        visitId,
        preferredStart: preferredStart.toISOString(),
        preferredEnd: preferredEnd.toISOString(),
        requestedAt: requestedAt.at.toISOString(),
        supervisorNotified: requestedAt.supervisorNotified,
      };
    },
  };
}
