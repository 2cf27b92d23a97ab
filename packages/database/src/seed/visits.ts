import { randomUUID } from 'node:crypto';
import { expandRecurrence, type Recurrence } from '@caretracker/shared';
import type { Transaction } from '../client';
import { carePlanGoalProgress, evvExceptions, medicationAdministrations, visitSeries, visits } from '../schema/index';
import type { SeededPlan } from './care-plans';
import { CARE_PROFILES } from './care-profiles';
import { DEMO_PEOPLE, DEMO_TIME_ZONE } from './demo-people';
import { idOf, type PeopleIds } from './people';
import { addDays, insertInBatches, type Random } from './random';
import { type ClientSchedule, WorkerCalendar, worksAt } from './schedule';
import {
  completeVisit,
  type DoseRow,
  type ExceptionRow,
  missVisit,
  startVisit,
  type VisitContext,
  type VisitRecords,
  type VisitRow,
} from './visit-records';

/** How far back the visit history reaches and how far ahead the schedule is booked. */
export const HISTORY_DAYS = 30;
export const UPCOMING_DAYS = 14;

const CANCEL_REASONS = [
  'Client in hospital for tests',
  'Family visiting and providing care today',
  'Client asked to skip: medical appointment',
  'Client unwell, asked for no visitors',
];
const HOUR = 3_600_000;

type Outcome = 'COMPLETED' | 'CANCELLED' | 'NO_SHOW' | 'IN_PROGRESS' | 'SCHEDULED' | 'CONFIRMED';

export interface VisitCounts {
  series: number;
  visits: number;
}

/**
 * One weekly series per client, from a month ago to two weeks ahead, materialised: the past
 * occurrences happened (mostly completed, some late or off-site, a few cancelled or missed),
 * the future ones are booked. Backups cover some visits when their own calendar is free.
 */
export async function seedVisits(
  tx: Transaction,
  ids: PeopleIds,
  schedules: ClientSchedule[],
  plans: Map<string, SeededPlan>,
  now: Date,
  today: string,
  r: Random,
): Promise<VisitCounts> {
  const calendar = new WorkerCalendar();
  const seriesRows: Array<typeof visitSeries.$inferInsert> = [];
  const planned: Array<{ row: VisitRow; ctx: VisitContext; outcome: Outcome; backups: string[]; slot: string }> = [];

  for (const { client, days, startTime, durationMinutes } of schedules) {
    const person = client.person;
    const care = CARE_PROFILES[client.profile];
    const plan = plans.get(person.key)!;
    const clientId = idOf(ids, person.key);
    const workerId = idOf(ids, client.primary);
    const supervisorId = idOf(ids, person.supervisorKey!);
    const rateCents = DEMO_PEOPLE.find((p) => p.key === client.primary)?.hourlyRateCents ?? 2800;
    const weekdays = days.length === 5 && !days.includes('SAT') && !days.includes('SUN');
    const recurrence: Recurrence = {
      frequency: weekdays ? 'WEEKDAYS' : 'WEEKLY',
      ...(weekdays ? {} : { daysOfWeek: days }),
      startsOn: addDays(today, -HISTORY_DAYS),
      until: addDays(today, UPCOMING_DAYS - 1),
      startTime,
      durationMinutes,
      timeZone: DEMO_TIME_ZONE,
    };
    const seriesId = randomUUID();
    const bookedAt = new Date(`${addDays(recurrence.startsOn, -3)}T17:00:00Z`);
    const base = {
      clientId,
      carePlanId: plan.id,
      serviceType: care.serviceType,
      createdBy: supervisorId,
      createdAt: bookedAt,
    };
    seriesRows.push({
      id: seriesId,
      ...base,
      workerId,
      recurrence,
      rateCents,
      notes: `Regular ${care.title.toLowerCase()} visits`,
    });

    for (const occurrence of expandRecurrence(recurrence)) {
      const visitId = randomUUID();
      const ctx: VisitContext = {
        visitId,
        workerId,
        supervisorId,
        home: person.home!,
        care,
        plan,
        localDate: occurrence.date,
        timeZone: DEMO_TIME_ZONE,
        start: occurrence.start,
        end: occurrence.end,
        rateCents,
        now,
      };
      planned.push({
        ctx,
        backups: client.backups,
        slot: startTime,
        outcome: outcomeOf(r, occurrence.start, occurrence.end, now),
        row: {
          id: visitId,
          ...base,
          workerId,
          seriesId,
          scheduledStart: occurrence.start,
          scheduledEnd: occurrence.end,
          location: person.address,
          locationLat: person.home!.lat,
          locationLng: person.home!.lng,
          plannedActivities: plan.activityCodes,
          rateCents,
          updatedAt: bookedAt,
        },
      });
    }
  }

  // Primaries first: their slots never meet by construction, so a clash here is a bug in the plan.
  const booked = (outcome: Outcome) => outcome !== 'CANCELLED' && outcome !== 'NO_SHOW';
  for (const visit of planned) {
    if (booked(visit.outcome)) calendar.book(visit.ctx.workerId, visit.ctx.start, visit.ctx.end);
  }
  for (const visit of planned) {
    const backupKey = visit.backups[0];
    if (!backupKey || !booked(visit.outcome) || !r.chance(0.1)) continue;
    const backup = idOf(ids, backupKey);
    const minutes = (visit.ctx.end.getTime() - visit.ctx.start.getTime()) / 60_000;
    if (!worksAt(backupKey, visit.ctx.localDate, visit.slot, minutes)) continue;
    if (!calendar.isFree(backup, visit.ctx.start, visit.ctx.end)) continue;
    calendar.book(backup, visit.ctx.start, visit.ctx.end);
    visit.ctx.workerId = backup;
    visit.row.workerId = backup;
  }

  const visitRows: VisitRow[] = [];
  const exceptionRows: ExceptionRow[] = [];
  const doseRows: DoseRow[] = [];
  for (const { row, ctx, outcome } of planned) {
    const records = recordsFor(r, ctx, outcome);
    visitRows.push({ ...row, ...records.fields });
    exceptionRows.push(...records.exceptions);
    doseRows.push(...records.doses);
  }

  await tx.insert(visitSeries).values(seriesRows);
  await insertInBatches(visitRows, 250, (batch) => tx.insert(visits).values(batch));
  await insertInBatches(exceptionRows, 500, (batch) => tx.insert(evvExceptions).values(batch));
  await insertInBatches(doseRows, 500, (batch) => tx.insert(medicationAdministrations).values(batch));
  const progress = goalProgress(r, planned, plans);
  await insertInBatches(progress, 500, (batch) => tx.insert(carePlanGoalProgress).values(batch));
  return { series: seriesRows.length, visits: visitRows.length };
}

function outcomeOf(r: Random, start: Date, end: Date, now: Date): Outcome {
  if (start > now) return start.getTime() - now.getTime() < 48 * HOUR && r.chance(0.5) ? 'CONFIRMED' : 'SCHEDULED';
  if (end > now) return 'IN_PROGRESS';
  const roll = r.next();
  return roll < 0.04 ? 'CANCELLED' : roll < 0.06 ? 'NO_SHOW' : 'COMPLETED';
}

function recordsFor(r: Random, ctx: VisitContext, outcome: Outcome): VisitRecords {
  switch (outcome) {
    case 'COMPLETED':
      return completeVisit(r, ctx);
    case 'IN_PROGRESS':
      return startVisit(r, ctx);
    case 'NO_SHOW':
      return missVisit(r, ctx);
    case 'CANCELLED': {
      const cancelledAt = new Date(ctx.start.getTime() - r.int(3, 40) * HOUR);
      return {
        fields: {
          status: 'CANCELLED',
          cancellationReason: r.pick(CANCEL_REASONS),
          cancelledAt,
          cancelledBy: ctx.supervisorId,
          updatedAt: cancelledAt,
        },
        exceptions: [],
        doses: [],
      };
    }
    case 'CONFIRMED':
      return {
        fields: { status: 'CONFIRMED', confirmedAt: new Date(ctx.start.getTime() - 30 * HOUR) },
        exceptions: [],
        doses: [],
      };
    default:
      return { fields: { status: 'SCHEDULED' }, exceptions: [], doses: [] };
  }
}

/** A weekly progress note per goal, taken at a completed visit, moving from baseline towards target. */
function goalProgress(
  r: Random,
  planned: Array<{ row: VisitRow; ctx: VisitContext; outcome: Outcome }>,
  plans: Map<string, SeededPlan>,
): Array<typeof carePlanGoalProgress.$inferInsert> {
  const rows: Array<typeof carePlanGoalProgress.$inferInsert> = [];
  for (const plan of plans.values()) {
    const done = planned.filter((v) => v.outcome === 'COMPLETED' && v.ctx.plan === plan);
    const weekly = done.filter((_, i) => i % Math.max(1, Math.round(done.length / 4)) === 0).slice(0, 4);
    weekly.forEach((visit, week) => {
      for (const goal of plan.goals) {
        const share = ((week + 1) / 8) * r.around(1, 0.3, 2);
        const value = Math.round((goal.baseline + (goal.target - goal.baseline) * share) * 10) / 10;
        const recordedAt = new Date(visit.ctx.end.getTime() - 10 * 60_000);
        rows.push({
          goalId: goal.id,
          recordedAt,
          value,
          note: `Week ${week + 1}: ${value} ${goal.unit}`,
          visitId: visit.row.id!,
          createdBy: visit.ctx.workerId,
          createdAt: recordedAt,
        });
      }
    });
  }
  return rows;
}
