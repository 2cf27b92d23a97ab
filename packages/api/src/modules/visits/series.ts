import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import {
  canTransition,
  type createSeriesBodySchema,
  dateInZone,
  type EditOccurrenceBody,
  expandRecurrence,
  type Occurrence,
  SERIES_MAX_DAYS,
  type VisitView,
  zonedDateTimeToUtc,
} from '@caretracker/shared';
import { and, asc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../context/request-context';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../../errors/app-errors';
import { changedValues } from '../audit/service';
import {
  assertNotPast,
  assertPlannedActivities,
  carePlanActivityCodes,
  fieldsForbidden,
  refused,
  requireClient,
  requireWorker,
  resolveCarePlan,
} from './booking';
import { illegalTransition } from './lifecycle';
import { clashesFor, findVisits, isOverlapViolation, type VisitRow, writeVisitChanges } from './queries';
import type { VisitsContext } from './service';
import { shapeVisit } from './shape';

const { visits, visitSeries } = schema;
type CreateSeriesInput = z.output<typeof createSeriesBodySchema>;
type Scope = EditOccurrenceBody['scope'];

interface Clash {
  date: string;
  scheduledStart: string;
  scheduledEnd: string;
  clashingVisitId: string;
}

function seriesClash(clashes: Clash[]): ConflictError {
  return new ConflictError(
    `${clashes.length} occurrence${clashes.length === 1 ? '' : 's'} clash with the worker's booked visits; nothing was booked`,
    { clashes },
  );
}

/** Every range that overlaps one of the worker's booked visits, as the 409 lists them. */
async function findClashes(
  executor: Executor,
  ranges: Array<{ start: Date; end: Date; date: string; workerId: string | null }>,
  exceptIds: string[],
): Promise<Clash[]> {
  const clashes: Clash[] = [];
  for (const workerId of new Set(ranges.map((range) => range.workerId))) {
    if (!workerId) continue;
    const own = ranges.filter((range) => range.workerId === workerId);
    for (const { range, clash } of await clashesFor(executor, workerId, own, exceptIds)) {
      clashes.push({
        date: range.date,
        scheduledStart: range.start.toISOString(),
        scheduledEnd: range.end.toISOString(),
        clashingVisitId: clash.id,
      });
    }
  }
  return clashes.sort((a, b) => a.scheduledStart.localeCompare(b.scheduledStart));
}

function assertTimeZone(timeZone: string, field: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new ValidationError(`Invalid request: ${field}`, [
      { field, message: 'must be an IANA time zone such as America/New_York' },
    ]);
  }
}

function lastAllowedDay(startsOn: string): string {
  const day = new Date(`${startsOn}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + SERIES_MAX_DAYS - 1);
  return day.toISOString().slice(0, 10);
}

/** Recurring series: created whole or not at all; occurrences edited or cancelled one at a time or with all that follow. */
export function createSeriesOperations({ db, audit, guard }: VisitsContext) {
  /** The occurrence and, for THIS_AND_FOLLOWING, every later one still scheduled or confirmed, locked. */
  async function affectedOccurrences(executor: Executor, target: VisitRow, scope: Scope): Promise<VisitRow[]> {
    if (scope === 'THIS') return [target];
    return executor
      .select()
      .from(visits)
      .where(
        and(
          eq(visits.seriesId, target.seriesId as string),
          isNull(visits.deletedAt),
          gte(visits.scheduledStart, target.scheduledStart),
          inArray(visits.status, ['SCHEDULED', 'CONFIRMED']),
        ),
      )
      .orderBy(asc(visits.scheduledStart))
      .for('update');
  }

  async function requireOccurrence(actor: Actor, seriesId: string, visitId: string, action: string) {
    const record = await guard.requireVisible(actor, visitId, action);
    if (record.visit.seriesId !== seriesId) throw new NotFoundError('Visit');
    await guard.requireAction(actor, visitId, 'book');
    const [series] = await db.select().from(visitSeries).where(eq(visitSeries.id, seriesId));
    if (!series) throw new NotFoundError('Visit series');
    return { record, series };
  }

  async function lockTarget(executor: Executor, visitId: string): Promise<VisitRow> {
    const [target] = await executor.select().from(visits).where(eq(visits.id, visitId)).for('update');
    if (!target || target.deletedAt) throw new ConflictError('This visit was deleted meanwhile');
    return target;
  }

  async function shaped(actor: Actor, ids: string[]): Promise<VisitView[]> {
    return (await findVisits(db, ids)).map((record) => shapeVisit(record, actor.role));
  }

  return {
    async createSeries(actor: Actor, body: CreateSeriesInput) {
      await guard.requireAction(actor, null, 'book');
      if (actor.role !== 'ADMIN' && body.rateCents !== undefined) {
        await guard.deny(null, 'billing field by non-admin', fieldsForbidden(['rateCents'], 'admins only'));
      }
      const rule = body.recurrence;
      assertTimeZone(rule.timeZone, 'body.recurrence.timeZone');
      if (rule.until && rule.until > lastAllowedDay(rule.startsOn)) {
        throw new UnprocessableError('A series reaches at most a year ahead', [
          refused('recurrence.until', `must be on or before ${lastAllowedDay(rule.startsOn)}`),
        ]);
      }
      const occurrences = expandRecurrence(rule);
      const first = occurrences[0];
      if (!first) throw new UnprocessableError('The series has no occurrences', [refused('recurrence', 'is empty')]);
      assertNotPast(first.start, 'recurrence.startsOn');
      const client = await requireClient(db, actor, body.clientId);
      const worker = body.workerId ? await requireWorker(db, actor, body.workerId) : null;
      const plan = await resolveCarePlan(db, client.id, body.carePlanId, undefined);
      const ranges = occurrences.map((o: Occurrence) => ({ ...o, workerId: worker?.id ?? null }));

      try {
        const { seriesId, createdAt, visitIds } = await db.transaction(async (tx) => {
          const clashes = await findClashes(tx, ranges, []);
          if (clashes.length > 0) throw seriesClash(clashes);
          const [series] = await tx
            .insert(visitSeries)
            .values({
              clientId: client.id,
              workerId: worker?.id ?? null,
              carePlanId: plan.carePlanId,
              serviceType: body.serviceType,
              recurrence: rule,
              notes: body.notes ?? null,
              rateCents: body.rateCents ?? null,
              createdBy: actor.id,
              updatedBy: actor.id,
            })
            .returning();
          if (!series) throw new Error('series insert returned nothing');
          const inserted = await tx
            .insert(visits)
            .values(
              occurrences.map((o) => ({
                clientId: client.id,
                workerId: worker?.id ?? null,
                carePlanId: plan.carePlanId,
                seriesId: series.id,
                serviceType: body.serviceType,
                scheduledStart: o.start,
                scheduledEnd: o.end,
                location: client.address,
                locationLat: client.homeLat,
                locationLng: client.homeLng,
                notes: body.notes ?? null,
                plannedActivities: plan.plannedActivities,
                rateCents: body.rateCents ?? worker?.hourlyRateCents ?? null,
                createdBy: actor.id,
                updatedBy: actor.id,
              })),
            )
            .returning({ id: visits.id });
          await audit.record(
            {
              action: 'VISIT_SERIES_CREATED',
              entityType: 'visit_series',
              entityId: series.id,
              classification: 'PHI',
              newValues: { clientId: client.id, workerId: worker?.id ?? null, recurrence: rule, notes: body.notes },
              metadata: { visitIds: inserted.map((row) => row.id) },
            },
            tx,
          );
          return { seriesId: series.id, createdAt: series.createdAt, visitIds: inserted.map((row) => row.id) };
        });
        return {
          id: seriesId,
          clientId: client.id,
          workerId: worker?.id ?? null,
          carePlanId: plan.carePlanId,
          serviceType: body.serviceType,
          recurrence: rule,
          notes: body.notes ?? null,
          createdAt: createdAt.toISOString(),
          visits: await shaped(actor, visitIds),
        };
      } catch (error) {
        // Someone booked into the slot between the check and the insert: the constraint decided.
        if (isOverlapViolation(error)) throw seriesClash(await findClashes(db, ranges, []));
        throw error;
      }
    },

    async editOccurrences(actor: Actor, seriesId: string, visitId: string, body: EditOccurrenceBody) {
      const { record, series } = await requireOccurrence(actor, seriesId, visitId, 'update');
      const { changes, scope } = body;
      const timeZone = series.recurrence.timeZone;
      if (changes.workerId) await requireWorker(db, actor, changes.workerId, 'changes.workerId');
      if (changes.plannedActivities) {
        assertPlannedActivities(await carePlanActivityCodes(db, record.visit.carePlanId), changes.plannedActivities);
      }
      let ranges: Array<{ id: string; start: Date; end: Date; date: string; workerId: string | null }> = [];
      try {
        const ids = await db.transaction(async (tx) => {
          const target = await lockTarget(tx, visitId);
          if (target.status !== 'SCHEDULED' && target.status !== 'CONFIRMED') {
            throw new ConflictError('Only scheduled or confirmed occurrences change', { status: target.status });
          }
          const affected = await affectedOccurrences(tx, target, scope);
          ranges = affected.map((visit) => {
            const date = dateInZone(visit.scheduledStart, timeZone);
            const start = changes.startTime
              ? zonedDateTimeToUtc(date, changes.startTime, timeZone)
              : visit.scheduledStart;
            const minutes =
              changes.durationMinutes ?? (visit.scheduledEnd.getTime() - visit.scheduledStart.getTime()) / 60_000;
            const workerId = changes.workerId !== undefined ? changes.workerId : visit.workerId;
            return { id: visit.id, date, start, end: new Date(start.getTime() + minutes * 60_000), workerId };
          });
          for (const range of ranges) assertNotPast(range.start, 'changes.startTime');
          const clashes = await findClashes(
            tx,
            ranges,
            ranges.map((range) => range.id),
          );
          if (clashes.length > 0) throw seriesClash(clashes);
          for (const [index, visit] of affected.entries()) {
            const range = ranges[index] as (typeof ranges)[number];
            const after: Record<string, unknown> = { scheduledStart: range.start, scheduledEnd: range.end };
            if (changes.workerId !== undefined) after.workerId = range.workerId;
            for (const field of ['serviceType', 'plannedActivities', 'notes'] as const) {
              if (changes[field] !== undefined) after[field] = changes[field];
            }
            const { oldValues, newValues } = changedValues(visit as unknown as Record<string, unknown>, after);
            if (Object.keys(newValues).length === 0) continue;
            await writeVisitChanges(tx, visit.id, newValues, actor.id);
            await audit.record(
              {
                action: 'VISIT_UPDATED',
                entityType: 'visit',
                entityId: visit.id,
                classification: 'PHI',
                oldValues,
                newValues,
                metadata: { seriesId, scope },
              },
              tx,
            );
          }
          return affected.map((visit) => visit.id);
        });
        return { seriesId, scope, visits: await shaped(actor, ids) };
      } catch (error) {
        if (isOverlapViolation(error)) {
          throw seriesClash(
            await findClashes(
              db,
              ranges,
              ranges.map((range) => range.id),
            ),
          );
        }
        throw error;
      }
    },

    async cancelOccurrences(actor: Actor, seriesId: string, visitId: string, body: { scope: Scope; reason: string }) {
      await requireOccurrence(actor, seriesId, visitId, 'cancel');
      const ids = await db.transaction(async (tx) => {
        const target = await lockTarget(tx, visitId);
        if (!canTransition(target.status, 'CANCELLED')) throw illegalTransition(target.status, 'CANCELLED');
        const affected = await affectedOccurrences(tx, target, body.scope);
        const now = new Date();
        for (const visit of affected) {
          const columns = { status: 'CANCELLED' as const, cancellationReason: body.reason, cancelledAt: now };
          await writeVisitChanges(tx, visit.id, { ...columns, cancelledBy: actor.id }, actor.id);
          await audit.record(
            {
              action: 'VISIT_CANCELLED',
              entityType: 'visit',
              entityId: visit.id,
              classification: 'PHI',
              oldValues: { status: visit.status },
              newValues: columns,
              metadata: { seriesId, scope: body.scope },
            },
            tx,
          );
        }
        return affected.map((visit) => visit.id);
      });
      return { seriesId, scope: body.scope, visits: await shaped(actor, ids) };
    },
  };
}
