import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { canTransition, dateInZone, type EditOccurrenceBody, zonedDateTimeToUtc } from '@caretracker/shared';
import { and, asc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { ConflictError, NotFoundError } from '../../errors/app-errors';
import { changedValues } from '../audit/service';
import { assertNotPast, assertPlannedActivities, carePlanActivityCodes, requireWorker } from './booking';
import { illegalTransition } from './lifecycle';
import { isOverlapViolation, type VisitRow, writeVisitChanges } from './queries';
import { findClashes, seriesClash, shapedVisits } from './series';
import type { VisitsContext } from './service';

const { visits, visitSeries } = schema;
type Scope = EditOccurrenceBody['scope'];

/** Occurrences of a series edited or cancelled one at a time or with every later one still to come. */
export function createOccurrenceOperations({ db, audit, events, guard }: VisitsContext) {
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

  return {
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
          await events.visitChanged(
            tx,
            'visit.updated',
            affected.map((visit) => visit.id),
            [],
            changes.workerId !== undefined ? affected.map((visit) => visit.workerId) : [],
          );
          return affected.map((visit) => visit.id);
        });
        return { seriesId, scope, visits: await shapedVisits(db, actor, ids) };
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
        await events.visitChanged(
          tx,
          'visit.updated',
          affected.map((visit) => visit.id),
        );
        return affected.map((visit) => visit.id);
      });
      return { seriesId, scope: body.scope, visits: await shapedVisits(db, actor, ids) };
    },
  };
}
