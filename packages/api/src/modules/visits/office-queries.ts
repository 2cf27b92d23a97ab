import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import {
  AWAITING_STATUSES,
  OFFICE_COUNT_CAP,
  type OfficeVisitItem,
  type OfficeVisitsQuery,
  type VisitAttention,
  visitAttention,
} from '@caretracker/shared';
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../context/request-context';
import { visibleVisitsCondition } from './access';

const { visits, users, evvExceptions, medicationAdministrations } = schema;
const clientUser = alias(users, 'office_client');
const workerUser = alias(users, 'office_worker');

/** Doses that count as refused or missed on the overview and in the list's `doses=refused` filter. */
export const REFUSED_DOSE_OUTCOMES = ['REFUSED', 'NOT_GIVEN'] as const;

/** When each attention state holds, as SQL on `visits`; the same rules as `visitAttention`. */
export function attentionCondition(attention: VisitAttention, now: Date, toleranceMinutes: number): SQL {
  const lateFrom = new Date(now.getTime() - toleranceMinutes * 60_000);
  const awaiting = and(inArray(visits.status, [...AWAITING_STATUSES]), isNull(visits.checkInAt));
  switch (attention) {
    case 'UPCOMING':
      return and(awaiting, gt(visits.scheduledEnd, now), gt(visits.scheduledStart, lateFrom)) as SQL;
    case 'LATE':
      return and(awaiting, gt(visits.scheduledEnd, now), lte(visits.scheduledStart, lateFrom)) as SQL;
    case 'MISSED':
      return or(eq(visits.status, 'NO_SHOW'), and(awaiting, lte(visits.scheduledEnd, now))) as SQL;
  }
}

export const openExceptionVisitIds = () =>
  sql`(select ${evvExceptions.visitId} from ${evvExceptions}
    where ${evvExceptions.status} = 'OPEN' and ${evvExceptions.deletedAt} is null)`;
const anyExceptionVisitIds = () =>
  sql`(select ${evvExceptions.visitId} from ${evvExceptions} where ${evvExceptions.deletedAt} is null)`;
export const hasRefusedDose = () =>
  sql`exists (select 1 from ${medicationAdministrations} m where m.visit_id = ${visits.id}
    and m.deleted_at is null and m.outcome in ('REFUSED', 'NOT_GIVEN'))`;

/** The live visits the actor may see that match the list's filters (the cursor aside). */
export function officeConditions(
  actor: Actor,
  query: Omit<OfficeVisitsQuery, 'sort' | 'limit' | 'cursor'>,
  now: Date,
  toleranceMinutes: number,
): SQL | undefined {
  return and(
    isNull(visits.deletedAt),
    visibleVisitsCondition(actor),
    // Bounded on both sides, so the start index is entered at `from` and left at `to`.
    query.from ? gte(visits.scheduledStart, new Date(query.from)) : undefined,
    query.to ? lt(visits.scheduledStart, new Date(query.to)) : undefined,
    query.status ? inArray(visits.status, query.status) : undefined,
    query.attention ? attentionCondition(query.attention, now, toleranceMinutes) : undefined,
    query.workerId ? eq(visits.workerId, query.workerId) : undefined,
    query.clientId ? eq(visits.clientId, query.clientId) : undefined,
    query.unassigned ? isNull(visits.workerId) : undefined,
    query.exceptions === 'open' ? inArray(visits.id, openExceptionVisitIds()) : undefined,
    query.exceptions === 'any' ? inArray(visits.id, anyExceptionVisitIds()) : undefined,
    query.doses ? hasRefusedDose() : undefined,
  );
}

/** The columns a list row or a board card is made from. */
export function selectOfficeRows(executor: Executor) {
  return executor
    .select({
      id: visits.id,
      status: visits.status,
      serviceType: visits.serviceType,
      scheduledStart: visits.scheduledStart,
      scheduledEnd: visits.scheduledEnd,
      actualStart: visits.actualStart,
      actualEnd: visits.actualEnd,
      checkInAt: visits.checkInAt,
      checkInDistanceM: visits.checkInDistanceM,
      seriesId: visits.seriesId,
      workerId: visits.workerId,
      reviewOutcome: visits.reviewOutcome,
      followUpRequired: visits.followUpRequired,
      noShowReason: visits.noShowReason,
      version: visits.version,
      client: { id: clientUser.id, firstName: clientUser.firstName, lastName: clientUser.lastName },
      worker: { id: workerUser.id, firstName: workerUser.firstName, lastName: workerUser.lastName },
      openExceptions: sql<number>`(select count(*)::int from ${evvExceptions} e
        where e.visit_id = ${visits.id} and e.deleted_at is null and e.status = 'OPEN')`,
      exceptions: sql<number>`(select count(*)::int from ${evvExceptions} e
        where e.visit_id = ${visits.id} and e.deleted_at is null)`,
      refusedDoses: sql<number>`(select count(*)::int from ${medicationAdministrations} m
        where m.visit_id = ${visits.id} and m.deleted_at is null and m.outcome in ('REFUSED', 'NOT_GIVEN'))`,
    })
    .from(visits)
    .innerJoin(clientUser, eq(clientUser.id, visits.clientId))
    .leftJoin(workerUser, eq(workerUser.id, visits.workerId));
}
export type OfficeRow = Awaited<ReturnType<ReturnType<typeof selectOfficeRows>['execute']>>[number];

export interface Cursor {
  start: Date;
  id: string;
}

/** One page in (scheduled_start, id) order after the cursor, one row more than asked (it says whether more follow). */
export function officeVisitPage(
  executor: Executor,
  where: SQL | undefined,
  options: { sort: 'start' | '-start'; limit: number; after: Cursor | null },
) {
  const ascending = options.sort === 'start';
  const after = options.after
    ? ascending
      ? sql`(${visits.scheduledStart}, ${visits.id}) > (${options.after.start.toISOString()}::timestamptz, ${options.after.id}::uuid)`
      : sql`(${visits.scheduledStart}, ${visits.id}) < (${options.after.start.toISOString()}::timestamptz, ${options.after.id}::uuid)`
    : undefined;
  const order = ascending
    ? [asc(visits.scheduledStart), asc(visits.id)]
    : [desc(visits.scheduledStart), desc(visits.id)];
  return selectOfficeRows(executor)
    .where(and(where, after))
    .orderBy(...order)
    .limit(options.limit + 1);
}

/** How many rows match, counting no further than the cap. */
export async function cappedCount(
  executor: Executor,
  where: SQL | undefined,
): Promise<{ value: number; capped: boolean }> {
  const matching = executor
    .select({ one: sql`1`.as('one') })
    .from(visits)
    .where(where)
    .limit(OFFICE_COUNT_CAP + 1)
    .as('matching');
  const [row] = await executor.select({ n: sql<number>`count(*)::int` }).from(matching);
  const n = row?.n ?? 0;
  return n > OFFICE_COUNT_CAP ? { value: OFFICE_COUNT_CAP, capped: true } : { value: n, capped: false };
}

export function officeItem(row: OfficeRow, now: Date, toleranceMinutes: number): OfficeVisitItem {
  const iso = (value: Date | null) => value?.toISOString() ?? null;
  return {
    id: row.id,
    status: row.status,
    attention: visitAttention(row, now, toleranceMinutes),
    serviceType: row.serviceType,
    scheduledStart: row.scheduledStart.toISOString(),
    scheduledEnd: row.scheduledEnd.toISOString(),
    actualStart: iso(row.actualStart),
    actualEnd: iso(row.actualEnd),
    client: row.client,
    worker: row.worker?.id ? row.worker : null,
    seriesId: row.seriesId,
    openExceptions: row.openExceptions,
    exceptions: row.exceptions,
    refusedDoses: row.refusedDoses,
    checkInDistanceM: row.checkInDistanceM,
    reviewOutcome: row.reviewOutcome,
    followUpRequired: row.followUpRequired,
    noShowReason: row.noShowReason,
    version: row.version,
  };
}
