import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { REPORT_ROLES } from '@caretracker/shared';
import { and, eq, isNull } from 'drizzle-orm';
import { type Actor, ownClientId } from '../../context/request-context';
import { ForbiddenError, NotFoundError } from '../../errors/app-errors';
import type { AuditService } from '../audit/service';
import { visibleUsersCondition } from '../users/relations';

const { users } = schema;

export interface ReportFilters {
  clientId: string | null;
  workerId: string | null;
}

/** Resolves the filters a caller may use. Clients are pinned to themselves, workers likewise; a filter naming someone the caller may not see is a 404. */
export async function scopeFilters(
  db: Executor,
  audit: AuditService,
  actor: Actor,
  report: keyof typeof REPORT_ROLES,
  requested: { clientId?: string | undefined; workerId?: string | undefined },
): Promise<ReportFilters> {
  if (!REPORT_ROLES[report].includes(actor.role)) {
    await audit.recordDenied('report', null, `${actor.role} may not read the ${report} report`);
    throw new ForbiddenError(`The ${report} report is not available to your role`);
  }
  const filters: ReportFilters = { clientId: requested.clientId ?? null, workerId: requested.workerId ?? null };
  if (actor.role === 'CLIENT') {
    filters.clientId = await pinnedTo(audit, actor, ownClientId(actor), requested.clientId, 'Client');
  }
  if (actor.role === 'WORKER') filters.workerId = await pinnedTo(audit, actor, actor.id, requested.workerId, 'Worker');
  if (filters.clientId && actor.role !== 'CLIENT' && filters.clientId !== actor.id) {
    await requireVisible(db, audit, actor, filters.clientId, 'CLIENT');
  }
  if (filters.workerId && filters.workerId !== actor.id) {
    await requireVisible(db, audit, actor, filters.workerId, 'WORKER');
  }
  return filters;
}

/** A client's reports are about their own care (a family member's, the client's they act for), a worker's their own work. */
async function pinnedTo(audit: AuditService, actor: Actor, own: string, requested: string | undefined, label: string) {
  if (requested !== undefined && requested !== own) {
    await audit.recordDenied('report', requested, `${actor.role} filtering a report by someone else`);
    throw new NotFoundError(label);
  }
  return own;
}

async function requireVisible(db: Executor, audit: AuditService, actor: Actor, id: string, role: 'CLIENT' | 'WORKER') {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, role), isNull(users.deletedAt), visibleUsersCondition(actor)));
  if (row) return;
  if (actor.role !== 'ADMIN') await audit.recordDenied('report', id, `report filter outside the caller's scope`);
  throw new NotFoundError(role === 'CLIENT' ? 'Client' : 'Worker');
}
