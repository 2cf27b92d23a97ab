import type { Database, Executor } from '@caretracker/database';
import { canDoVisitAction, type VisitAction } from '@caretracker/shared';
import type { Actor } from '../../context/request-context';
import { ForbiddenError, NotFoundError } from '../../errors/app-errors';
import type { AuditService } from '../audit/service';
import { findVisit, type VisitRecord } from './queries';

const ACTION_REFUSALS: Record<VisitAction, string> = {
  book: 'Only supervisors and admins book visits',
  request: 'Only clients request visits',
  confirm: 'You may not confirm this visit',
  cancel: 'You may not cancel this visit',
  reschedule: 'Only supervisors and admins reschedule visits',
  noShow: 'Only supervisors and admins record a no-show',
  review: 'Only supervisors and admins review visits',
  delete: 'Only admins delete visits',
};

/** Per-record checks shared by every visit operation: outsiders get 404, the visible-but-not-allowed 403; both audited. */
export function createVisitGuard(db: Database, audit: AuditService) {
  return {
    async requireVisible(actor: Actor, id: string, action: string, executor: Executor = db): Promise<VisitRecord> {
      const record = await findVisit(executor, id, { visibleTo: actor });
      if (!record) {
        if (actor.role !== 'ADMIN') await audit.recordDenied('visit', id, `not visible (${action})`);
        throw new NotFoundError('Visit');
      }
      return record;
    },

    async requireAction(actor: Actor, entityId: string | null, action: VisitAction): Promise<void> {
      if (canDoVisitAction(actor.role, action)) return;
      await audit.recordDenied('visit', entityId, `role may not ${action}`);
      throw new ForbiddenError(ACTION_REFUSALS[action]);
    },

    async deny(entityId: string | null, reason: string, error: Error): Promise<never> {
      await audit.recordDenied('visit', entityId, reason);
      throw error;
    },
  };
}
export type VisitGuard = ReturnType<typeof createVisitGuard>;
