import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { VisitEventType, VisitSummary } from '@caretracker/shared';
import { and, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { visibleVisitsCondition } from '../visits/access';
import type { Audience } from './transport';

const { visits } = schema;

/** An EVV exception as events name it: no detail (distances, times), only what changed. */
export interface ExceptionSummary {
  id: string;
  type: string;
  status: string;
}

export interface VisitAudienceRow {
  summary: VisitSummary;
  audience: Audience;
}

/**
 * The visits with everyone who may read each, by the rules of `visibleVisitsCondition`: the
 * client, the worker, every supervisor whose team holds the client or the worker (their own
 * `supervisor_id`, or the client's care-team workers'), the client's family members (who act
 * for the client and see what they see), and all admins.
 */
export async function visitAudiences(executor: Executor, visitIds: string[]): Promise<VisitAudienceRow[]> {
  if (visitIds.length === 0) return [];
  const rows = await executor
    .select({
      id: visits.id,
      clientId: visits.clientId,
      workerId: visits.workerId,
      status: visits.status,
      scheduledStart: visits.scheduledStart,
      scheduledEnd: visits.scheduledEnd,
      version: visits.version,
      deletedAt: visits.deletedAt,
      // Written out in full: drizzle would name the outer columns unqualified inside the subqueries.
      supervisors: sql<string[] | null>`array(
        select c.supervisor_id from users c
          where c.id = visits.client_id and c.deleted_at is null and c.supervisor_id is not null
        union
        select w.supervisor_id from users w
          where w.id = visits.worker_id and w.deleted_at is null and w.supervisor_id is not null
        union
        select tw.supervisor_id from care_team_assignments cta join users tw on tw.id = cta.worker_id
          where cta.client_id = visits.client_id and cta.deleted_at is null and tw.deleted_at is null
          and tw.supervisor_id is not null and (cta.ends_on is null or cta.ends_on >= current_date)
      )`,
      family: sql<string[] | null>`array(
        select fl.family_user_id from family_links fl join users f on f.id = fl.family_user_id
          where fl.client_id = visits.client_id and fl.deleted_at is null and f.deleted_at is null
      )`,
    })
    .from(visits)
    .where(inArray(visits.id, visitIds));
  return rows.map((row) => ({
    summary: {
      id: row.id,
      clientId: row.clientId,
      workerId: row.workerId,
      status: row.status,
      scheduledStart: row.scheduledStart.toISOString(),
      scheduledEnd: row.scheduledEnd.toISOString(),
      version: row.version,
      deleted: row.deletedAt !== null,
    },
    audience: {
      userIds: [...new Set([row.clientId, row.workerId, ...(row.supervisors ?? []), ...(row.family ?? [])])].filter(
        (id): id is string => id !== null,
      ),
      roles: ['ADMIN'],
    },
  }));
}

/** The events one visit change raises: the change itself, and one `evv.exception` per exception. */
export function visitEventsFor(
  type: VisitEventType,
  row: VisitAudienceRow,
  exceptions: ExceptionSummary[],
): Array<{ type: VisitEventType; data: Record<string, unknown> }> {
  const events: Array<{ type: VisitEventType; data: Record<string, unknown> }> = [];
  if (type !== 'evv.exception') events.push({ type, data: { visit: row.summary } });
  for (const exception of exceptions) {
    events.push({
      type: 'evv.exception',
      data: { visit: row.summary, exception: { id: exception.id, type: exception.type, status: exception.status } },
    });
  }
  return events;
}

/** Of these visits, the ones the actor may read now (replayed events are checked again: teams change). */
export async function visibleVisitIds(executor: Executor, actor: Actor, visitIds: string[]): Promise<Set<string>> {
  if (visitIds.length === 0) return new Set();
  const rows = await executor
    .select({ id: visits.id })
    .from(visits)
    .where(and(inArray(visits.id, visitIds), visibleVisitsCondition(actor)));
  return new Set(rows.map((row) => row.id));
}
