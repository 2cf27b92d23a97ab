import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { BOOKED_STATUSES, MAX_VISIT_MS, type VisitStatus } from '@caretracker/shared';
import {
  and,
  asc,
  eq,
  getTableColumns,
  gt,
  inArray,
  isNull,
  lt,
  ne,
  notInArray,
  type SQL,
  sql,
  type Table,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../context/request-context';
import { visibleVisitsCondition } from './access';

const {
  visits,
  users,
  profiles,
  evvExceptions,
  visitAmendments,
  medicationAdministrations,
  carePlanMedications,
  visitRatings,
} = schema;

export type VisitRow = typeof visits.$inferSelect;
export type VisitInsert = typeof visits.$inferInsert;
export interface PersonSummary {
  id: string;
  firstName: string;
  lastName: string;
}
/** A visit with the names of its client and worker, what every view is shaped from. */
export interface VisitRecord {
  visit: VisitRow;
  client: PersonSummary;
  worker: PersonSummary | null;
  /** The worker has a photo (`GET /users/:id/photo` serves it to those who may read the visit's client side). */
  workerHasPhoto: boolean;
}

const clientUser = alias(users, 'visit_client');
const workerUser = alias(users, 'visit_worker');
const workerProfile = alias(profiles, 'visit_worker_profile');
/** A join on the profile's key, not a subquery per row: the worker app's day reads through it. */
const workerHasPhoto = sql<boolean>`(${workerProfile.photoFileId} is not null)`.mapWith(Boolean);

function selectRecords(executor: Executor) {
  return executor
    .select({
      visit: visits,
      client: { id: clientUser.id, firstName: clientUser.firstName, lastName: clientUser.lastName },
      worker: { id: workerUser.id, firstName: workerUser.firstName, lastName: workerUser.lastName },
      workerHasPhoto,
    })
    .from(visits)
    .innerJoin(clientUser, eq(clientUser.id, visits.clientId))
    .leftJoin(workerUser, eq(workerUser.id, visits.workerId))
    .leftJoin(workerProfile, eq(workerProfile.userId, visits.workerId));
}

/** A live visit, optionally only if the actor may see it; `lock` holds the row for a change. */
export async function findVisit(
  executor: Executor,
  id: string,
  options: { visibleTo?: Actor; lock?: boolean } = {},
): Promise<VisitRecord | null> {
  const where = and(
    eq(visits.id, id),
    isNull(visits.deletedAt),
    options.visibleTo ? visibleVisitsCondition(options.visibleTo) : undefined,
  );
  const query = selectRecords(executor).where(where);
  const [row] = options.lock ? await query.for('update', { of: visits }) : await query;
  return row ?? null;
}

export async function findVisits(executor: Executor, ids: string[]): Promise<VisitRecord[]> {
  if (ids.length === 0) return [];
  return selectRecords(executor).where(inArray(visits.id, ids)).orderBy(asc(visits.scheduledStart), asc(visits.id));
}

export interface VisitFilter {
  page: number;
  limit: number;
  clientId?: string | undefined;
  workerId?: string | undefined;
  status?: VisitStatus | undefined;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
  includeCompleted: boolean;
}

/** One page of the visits the actor may see, earliest first; the date range matches visits overlapping it. */
/**
 * The care worker app's day (its own visits overlapping a date range, first page): the hottest
 * read, built once per database as a prepared statement instead of on every request (building
 * the SQL text was a fifth of the API's CPU under that load). Same SQL as `visibleVisitsQueries`.
 */
const workerDayStatements = new WeakMap<Executor, ReturnType<typeof prepareWorkerDay>>();
function prepareWorkerDay(executor: Executor) {
  return selectRecords(executor)
    .where(
      and(
        isNull(visits.deletedAt),
        eq(visits.workerId, sql.placeholder('workerId')),
        gt(visits.scheduledEnd, sql.placeholder('from')),
        gt(visits.scheduledStart, sql.placeholder('startsAfter')),
        lt(visits.scheduledStart, sql.placeholder('to')),
      ),
    )
    .orderBy(asc(visits.scheduledStart), asc(visits.id))
    .limit(sql.placeholder('limit'))
    .prepare('visits_worker_day');
}

function isWorkerDay(actor: Actor, filter: VisitFilter): filter is VisitFilter & { dateFrom: string; dateTo: string } {
  return (
    actor.role === 'WORKER' &&
    filter.page === 1 &&
    filter.includeCompleted &&
    Boolean(filter.dateFrom && filter.dateTo) &&
    !filter.clientId &&
    !filter.status &&
    (!filter.workerId || filter.workerId === actor.id)
  );
}

function pageRows(executor: Executor, actor: Actor, filter: VisitFilter) {
  if (!isWorkerDay(actor, filter)) return visibleVisitsQueries(executor, actor, filter).page;
  let statement = workerDayStatements.get(executor);
  if (!statement) {
    statement = prepareWorkerDay(executor);
    workerDayStatements.set(executor, statement);
  }
  const from = new Date(filter.dateFrom);
  return statement.execute({
    workerId: actor.id,
    from: from.toISOString(),
    startsAfter: new Date(from.getTime() - MAX_VISIT_MS).toISOString(),
    to: new Date(filter.dateTo).toISOString(),
    limit: filter.limit,
  });
}

export async function listVisibleVisits(executor: Executor, actor: Actor, filter: VisitFilter) {
  const rows = await pageRows(executor, actor, filter);
  // A page that is not full and not empty is the last one: the total follows from it, no count
  // needed (a worker's day is one such page). Otherwise count the matching rows.
  if (rows.length > 0 && rows.length < filter.limit) {
    return { rows, total: (filter.page - 1) * filter.limit + rows.length };
  }
  if (rows.length === 0 && filter.page === 1) return { rows, total: 0 };
  const counted = await visibleVisitsQueries(executor, actor, filter).count;
  return { rows, total: counted[0]?.total ?? 0 };
}

/** The statements behind `listVisibleVisits`, unexecuted (a test reads their plans). */
export function visibleVisitsQueries(executor: Executor, actor: Actor, filter: VisitFilter) {
  const conditions: (SQL | undefined)[] = [isNull(visits.deletedAt), visibleVisitsCondition(actor)];
  if (filter.clientId) conditions.push(eq(visits.clientId, filter.clientId));
  if (filter.workerId) conditions.push(eq(visits.workerId, filter.workerId));
  if (filter.status) conditions.push(eq(visits.status, filter.status));
  if (filter.dateFrom) {
    // Overlap is decided on scheduled_end, but only a bound on scheduled_start lets the start
    // indexes seek: no visit lasts over MAX_VISIT_MS, so one overlapping the range starts after this.
    const from = new Date(filter.dateFrom);
    conditions.push(gt(visits.scheduledEnd, from), gt(visits.scheduledStart, new Date(from.getTime() - MAX_VISIT_MS)));
  }
  if (filter.dateTo) conditions.push(lt(visits.scheduledStart, new Date(filter.dateTo)));
  if (!filter.includeCompleted) conditions.push(ne(visits.status, 'COMPLETED'));
  const where = and(...conditions);
  return {
    page: selectRecords(executor)
      .where(where)
      .orderBy(asc(visits.scheduledStart), asc(visits.id))
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit),
    count: executor.select({ total: sql<number>`count(*)::int` }).from(visits).where(where),
  };
}

export interface TimeRange {
  start: Date;
  end: Date;
}
export interface BookedSlot {
  id: string;
  scheduledStart: Date;
  scheduledEnd: Date;
}

/**
 * The worker's booked visits overlapping any of the ranges (half-open, as the exclusion
 * constraint compares them), leaving out `exceptIds` (visits being moved themselves).
 */
export async function bookedOverlapping(
  executor: Executor,
  workerId: string,
  ranges: TimeRange[],
  exceptIds: string[] = [],
): Promise<BookedSlot[]> {
  if (ranges.length === 0) return [];
  const from = new Date(Math.min(...ranges.map((range) => range.start.getTime())));
  const to = new Date(Math.max(...ranges.map((range) => range.end.getTime())));
  const rows = await executor
    .select({ id: visits.id, scheduledStart: visits.scheduledStart, scheduledEnd: visits.scheduledEnd })
    .from(visits)
    .where(
      and(
        eq(visits.workerId, workerId),
        isNull(visits.deletedAt),
        inArray(visits.status, [...BOOKED_STATUSES]),
        lt(visits.scheduledStart, to),
        gt(visits.scheduledEnd, from),
        exceptIds.length > 0 ? notInArray(visits.id, exceptIds) : undefined,
      ),
    )
    .orderBy(asc(visits.scheduledStart));
  return rows.filter((row) => ranges.some((range) => overlaps(range, row)));
}

const overlaps = (range: TimeRange, slot: BookedSlot) =>
  slot.scheduledStart < range.end && slot.scheduledEnd > range.start;

/** For each range, the first booked visit it overlaps (ranges that clash with nothing are left out). */
export async function clashesFor<T extends TimeRange>(
  executor: Executor,
  workerId: string,
  ranges: T[],
  exceptIds: string[] = [],
): Promise<Array<{ range: T; clash: BookedSlot }>> {
  const booked = await bookedOverlapping(executor, workerId, ranges, exceptIds);
  return ranges.flatMap((range) => {
    const clash = booked.find((slot) => overlaps(range, slot));
    return clash ? [{ range, clash }] : [];
  });
}

/** Whether an error raised inside a write is the no-overlap exclusion constraint, looking through driver wrappers. */
export function isOverlapViolation(error: unknown): boolean {
  for (let current = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23P01') return true;
  }
  return false;
}

export async function insertVisit(executor: Executor, values: VisitInsert): Promise<VisitRow> {
  const [row] = await executor.insert(visits).values(values).returning();
  if (!row) throw new Error('visit insert returned nothing');
  return row;
}

/** Writes changed columns and bumps the visit's version. */
export async function writeVisitChanges(
  executor: Executor,
  id: string,
  changes: Partial<VisitInsert>,
  actorId: string,
): Promise<void> {
  await executor
    .update(visits)
    .set({ ...changes, version: sql`${visits.version} + 1`, updatedAt: new Date(), updatedBy: actorId })
    .where(eq(visits.id, id));
}

/** The lists `GET /visits/:id` adds to a visit. */
export async function visitHistory(executor: Executor, visitId: string) {
  const [exceptions, administrations, amendments, [rating]] = await Promise.all([
    executor
      .select()
      .from(evvExceptions)
      .where(and(eq(evvExceptions.visitId, visitId), isNull(evvExceptions.deletedAt)))
      .orderBy(asc(evvExceptions.createdAt)),
    executor
      .select({ record: medicationAdministrations, name: carePlanMedications.name, dose: carePlanMedications.dose })
      .from(medicationAdministrations)
      .innerJoin(carePlanMedications, eq(carePlanMedications.id, medicationAdministrations.medicationId))
      .where(and(eq(medicationAdministrations.visitId, visitId), isNull(medicationAdministrations.deletedAt)))
      .orderBy(asc(medicationAdministrations.recordedAt)),
    executor
      .select()
      .from(visitAmendments)
      .where(eq(visitAmendments.visitId, visitId))
      .orderBy(asc(visitAmendments.changedAt), asc(visitAmendments.field)),
    executor
      .select()
      .from(visitRatings)
      .where(and(eq(visitRatings.visitId, visitId), isNull(visitRatings.deletedAt))),
  ]);
  return { exceptions, administrations, amendments, rating: rating ?? null };
}
export type VisitHistory = Awaited<ReturnType<typeof visitHistory>>;

/** A row of `table` from its JSON form (`to_json(row)`), each column read as the driver's value would be. */
function rowFromJson<T extends Table>(table: T, json: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T['$inferSelect'];
}

/**
 * `GET /visits/:id` in one statement: the visit the actor may see with its names, and its EVV
 * exceptions, doses recorded and amendments as JSON arrays and its client's rating (the same rows and order as
 * `visitHistory`). Null when there is no such visit or the actor may not see it.
 */
export async function findVisitDetail(
  executor: Executor,
  id: string,
  actor: Actor,
): Promise<{ record: VisitRecord; history: VisitHistory } | null> {
  const [row] = await executor
    .select({
      visit: visits,
      client: { id: clientUser.id, firstName: clientUser.firstName, lastName: clientUser.lastName },
      worker: { id: workerUser.id, firstName: workerUser.firstName, lastName: workerUser.lastName },
      exceptions: sql<Record<string, unknown>[]>`(select coalesce(json_agg(e order by e.created_at), '[]'::json)
        from ${evvExceptions} e where e.visit_id = ${visits.id} and e.deleted_at is null)`,
      administrations: sql<Array<{ record: Record<string, unknown>; name: string; dose: string }>>`(
        select coalesce(json_agg(json_build_object('record', m, 'name', p.name, 'dose', p.dose) order by m.recorded_at), '[]'::json)
        from ${medicationAdministrations} m join ${carePlanMedications} p on p.id = m.medication_id
        where m.visit_id = ${visits.id} and m.deleted_at is null)`,
      amendments: sql<
        Record<string, unknown>[]
      >`(select coalesce(json_agg(a order by a.changed_at, a.field), '[]'::json)
        from ${visitAmendments} a where a.visit_id = ${visits.id})`,
      rating: sql<Record<string, unknown> | null>`(select to_json(r) from ${visitRatings} r
        where r.visit_id = ${visits.id} and r.deleted_at is null)`,
      workerHasPhoto,
    })
    .from(visits)
    .innerJoin(clientUser, eq(clientUser.id, visits.clientId))
    .leftJoin(workerUser, eq(workerUser.id, visits.workerId))
    .leftJoin(workerProfile, eq(workerProfile.userId, visits.workerId))
    .where(and(eq(visits.id, id), isNull(visits.deletedAt), visibleVisitsCondition(actor)));
  if (!row) return null;
  const { exceptions, administrations, amendments, rating, ...record } = row;
  return {
    record,
    history: {
      exceptions: exceptions.map((json) => rowFromJson(evvExceptions, json)),
      administrations: administrations.map((json) => ({
        record: rowFromJson(medicationAdministrations, json.record),
        name: json.name,
        dose: json.dose,
      })),
      amendments: amendments.map((json) => rowFromJson(visitAmendments, json)),
      rating: rating ? rowFromJson(visitRatings, rating) : null,
    },
  };
}
