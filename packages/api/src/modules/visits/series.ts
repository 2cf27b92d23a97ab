import type { Database, Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import {
  type createSeriesBodySchema,
  expandRecurrence,
  type Occurrence,
  SERIES_MAX_DAYS,
  type VisitView,
} from '@caretracker/shared';
import type { z } from 'zod';
import type { Actor } from '../../context/request-context';
import { ConflictError, UnprocessableError, ValidationError } from '../../errors/app-errors';
import { assertNotPast, fieldsForbidden, refused, requireClient, requireWorker, resolveCarePlan } from './booking';
import { clashesFor, findVisits, isOverlapViolation } from './queries';
import type { VisitsContext } from './service';
import { shapeVisit } from './shape';

const { visits, visitSeries } = schema;
type CreateSeriesInput = z.output<typeof createSeriesBodySchema>;

interface Clash {
  date: string;
  scheduledStart: string;
  scheduledEnd: string;
  clashingVisitId: string;
}

export function seriesClash(clashes: Clash[]): ConflictError {
  return new ConflictError(
    `${clashes.length} occurrence${clashes.length === 1 ? '' : 's'} clash with the worker's booked visits; nothing was booked`,
    { clashes },
  );
}

/** Every range that overlaps one of the worker's booked visits, as the 409 lists them. */
export async function findClashes(
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
/** The visits by id, shaped for the actor, earliest first. */
export async function shapedVisits(db: Database, actor: Actor, ids: string[]): Promise<VisitView[]> {
  return (await findVisits(db, ids)).map((record) => shapeVisit(record, actor.role));
}

/** Recurring series: created whole or not at all. */
export function createSeriesOperations({ db, audit, events, guard }: VisitsContext) {
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
          await events.visitChanged(
            tx,
            'visit.updated',
            inserted.map((row) => row.id),
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
          visits: await shapedVisits(db, actor, visitIds),
        };
      } catch (error) {
        // Someone booked into the slot between the check and the insert: the constraint decided.
        if (isOverlapViolation(error)) throw seriesClash(await findClashes(db, ranges, []));
        throw error;
      }
    },
  };
}
