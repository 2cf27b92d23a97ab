import type { Database, Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { allowedTransitions, type VisitStatus } from '@caretracker/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors/app-errors';
import type { AuditService } from '../audit/service';
import { visibleVisitsCondition } from '../visits/access';

const { visits } = schema;

export type VisitRow = typeof visits.$inferSelect;

/**
 * Per-record checks shared by the EVV operations. They run before the operation's transaction,
 * so the denial they log stays written when the request is refused.
 */
export function createVisitGuard(deps: { db: Database; audit: AuditService }) {
  const { db, audit } = deps;

  return {
    /** The live visit if the actor may see it; otherwise 404, the denial logged. */
    async visible(actor: Actor, visitId: string, action: string): Promise<VisitRow> {
      const [visit] = await db
        .select()
        .from(visits)
        .where(and(eq(visits.id, visitId), isNull(visits.deletedAt), visibleVisitsCondition(actor)));
      if (!visit) {
        await audit.recordDenied('visit', visitId, `not visible (${action})`);
        throw new NotFoundError('Visit');
      }
      return visit;
    },

    /** Only the worker assigned to the visit does EVV calls; anyone else who can see it gets 403. */
    async assignedWorker(actor: Actor, visit: VisitRow, action: string): Promise<void> {
      if (actor.role === 'WORKER' && visit.workerId === actor.id) return;
      await audit.recordDenied('visit', visit.id, `${actor.role.toLowerCase()} may not ${action}`);
      throw new ForbiddenError(`Only the worker assigned to this visit may ${action}`);
    },

    async roleIn(actor: Actor, visit: VisitRow, roles: readonly Actor['role'][], action: string): Promise<void> {
      if (roles.includes(actor.role)) return;
      await audit.recordDenied('visit', visit.id, `${actor.role.toLowerCase()} may not ${action}`);
      throw new ForbiddenError(`Your role may not ${action}`);
    },
  };
}
export type VisitGuard = ReturnType<typeof createVisitGuard>;

/** Re-reads the visit inside the operation's transaction and holds it until commit. */
export async function lockVisit(tx: Executor, visitId: string): Promise<VisitRow> {
  const [visit] = await tx
    .select()
    .from(visits)
    .where(and(eq(visits.id, visitId), isNull(visits.deletedAt)))
    .for('update');
  if (!visit) throw new NotFoundError('Visit');
  return visit;
}

/** 409 naming the current status and the transitions the state machine allows from it. */
export function illegalStatus(status: VisitStatus, message: string, extra: Record<string, unknown> = {}) {
  return new ConflictError(message, { status, allowed: allowedTransitions(status), ...extra });
}
