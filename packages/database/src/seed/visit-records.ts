import { randomUUID } from 'node:crypto';
import {
  DEFAULT_GEOFENCE_METERS,
  DEFAULT_TOLERANCE_MINUTES,
  distanceMeters,
  zonedDateTimeToUtc,
} from '@caretracker/shared';
import type { evvExceptions, medicationAdministrations, visits } from '../schema/index';
import type { SeededPlan } from './care-plans';
import type { CareProfile, VitalKey } from './care-profiles';
import type { Random } from './random';

export type VisitRow = typeof visits.$inferInsert;
export type ExceptionRow = typeof evvExceptions.$inferInsert;
export type DoseRow = typeof medicationAdministrations.$inferInsert;

/** What documenting one visit needs to know. */
export interface VisitContext {
  visitId: string;
  workerId: string;
  supervisorId: string;
  home: { lat: number; lng: number };
  care: CareProfile;
  plan: SeededPlan;
  localDate: string;
  timeZone: string;
  start: Date;
  end: Date;
  rateCents: number;
  now: Date;
}

export interface VisitRecords {
  fields: Partial<VisitRow>;
  exceptions: ExceptionRow[];
  doses: DoseRow[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const REFUSED_ACTIVITY = ['Client declined today', 'Client too tired', 'Family had already done it'];
const REFUSED_DOSE = [
  'Client refused; said it upsets her stomach',
  'Client asleep and could not be woken safely',
  'Client refused; wanted to wait for the nurse',
];
const NOT_GIVEN_DOSE = ['Medication not in the home; pharmacy refill pending', 'Blister pack empty for today'];
const PRIVATE_NOTES = [
  'Family member raised concerns about costs.',
  'Client seemed more withdrawn than usual.',
  'Kitchen smoke alarm needs a new battery.',
];

function vitalsFor(r: Random, keys: VitalKey[]): Record<string, number> {
  const vitals: Record<string, number> = {};
  for (const key of keys) {
    if (key === 'bloodPressure') {
      vitals.systolic = r.int(112, 158);
      vitals.diastolic = r.int(64, 92);
    } else if (key === 'pulse') vitals.pulse = r.int(58, 96);
    else if (key === 'glucose') vitals.glucoseMgDl = r.int(92, 210);
    else if (key === 'spo2') vitals.spo2 = r.int(89, 98);
    else if (key === 'temperature') vitals.temperatureC = r.around(36.8, 0.5, 1);
    else if (key === 'weight') vitals.weightKg = r.around(83, 1.5, 1);
  }
  return vitals;
}

/** The exception open or, for older visits, resolved by the supervisor with one of the reason codes. */
function exception(
  r: Random,
  ctx: VisitContext,
  type: string,
  detail: Record<string, unknown>,
  reasons: string[],
  notedAt: Date,
): ExceptionRow {
  const row: ExceptionRow = {
    id: randomUUID(),
    visitId: ctx.visitId,
    type,
    detail,
    createdAt: notedAt,
    updatedAt: notedAt,
  };
  if (ctx.now.getTime() - ctx.end.getTime() > 3 * 24 * HOUR && r.chance(0.7)) {
    const resolvedAt = new Date(Math.min(ctx.end.getTime() + r.int(18, 50) * HOUR, ctx.now.getTime() - HOUR));
    Object.assign(row, {
      status: 'RESOLVED',
      reasonCode: r.pick(reasons),
      note: 'Confirmed with the worker.',
      resolvedBy: ctx.supervisorId,
      resolvedAt,
      updatedAt: resolvedAt,
    });
  }
  return row;
}

/** The eMAR for a visit: every scheduled dose due in its window, and now and then an as-needed one. */
function dosesFor(r: Random, ctx: VisitContext, checkIn: Date, checkOut: Date): DoseRow[] {
  const doses: DoseRow[] = [];
  for (const med of ctx.plan.medications) {
    for (const time of med.times) {
      const due = zonedDateTimeToUtc(ctx.localDate, time, ctx.timeZone);
      if (due < ctx.start || due >= ctx.end) continue;
      const roll = r.next();
      const outcome = roll < 0.06 ? 'REFUSED' : roll < 0.075 ? 'NOT_GIVEN' : roll < 0.085 ? 'PARTIAL' : 'GIVEN';
      const recordedAt = new Date(
        Math.min(
          Math.max(due.getTime() + r.int(-10, 15) * MINUTE, checkIn.getTime() + 5 * MINUTE),
          checkOut.getTime() - MINUTE,
        ),
      );
      doses.push({
        visitId: ctx.visitId,
        medicationId: med.id,
        scheduledFor: due,
        outcome,
        reason:
          outcome === 'REFUSED'
            ? r.pick(REFUSED_DOSE)
            : outcome === 'NOT_GIVEN'
              ? r.pick(NOT_GIVEN_DOSE)
              : outcome === 'PARTIAL'
                ? 'Swallowed half; the rest fell and was discarded'
                : null,
        doseGiven: outcome === 'GIVEN' ? med.dose : null,
        recordedAt,
        recordedBy: ctx.workerId,
        createdBy: ctx.workerId,
        createdAt: recordedAt,
      });
    }
    if (med.prnIndication && r.chance(0.15)) {
      const recordedAt = new Date(checkIn.getTime() + 20 * MINUTE);
      doses.push({
        visitId: ctx.visitId,
        medicationId: med.id,
        scheduledFor: null,
        outcome: 'GIVEN',
        prnReason: med.prnIndication,
        doseGiven: med.dose,
        recordedAt,
        recordedBy: ctx.workerId,
        createdBy: ctx.workerId,
        createdAt: recordedAt,
      });
    }
  }
  return doses;
}

/** A checked-in position: usually within tens of meters of the home, sometimes well outside the geofence. */
function position(r: Random, ctx: VisitContext, outside: boolean) {
  const point = r.offset(ctx.home, outside ? r.int(180, 650) : r.int(3, 70));
  return {
    ...point,
    accuracyM: outside ? r.int(15, 60) : r.int(4, 20),
    distanceM: Math.round(distanceMeters(point, ctx.home) * 10) / 10,
  };
}

/** Check-in, check-out, documentation, billing, EVV exceptions and doses of a visit that happened. */
export function completeVisit(r: Random, ctx: VisitContext): VisitRecords {
  const late = r.chance(0.12);
  const outside = r.chance(0.07);
  const checkIn = new Date(ctx.start.getTime() + (late ? r.int(17, 48) : r.int(-8, 9)) * MINUTE);
  const scheduledMinutes = (ctx.end.getTime() - ctx.start.getTime()) / MINUTE;
  const checkOut = late
    ? new Date(ctx.end.getTime() + r.int(-5, 10) * MINUTE)
    : new Date(checkIn.getTime() + (scheduledMinutes + r.int(-6, 6)) * MINUTE);
  const at = position(r, ctx, outside);
  const out = position(r, ctx, false);
  const billableMinutes = Math.min(
    Math.round((checkOut.getTime() - checkIn.getTime()) / MINUTE),
    scheduledMinutes + 15,
  );
  const performed = ctx.plan.activityCodes.map((code) => {
    const roll = r.next();
    if (roll < 0.04) return { code, status: 'REFUSED' as const, note: r.pick(REFUSED_ACTIVITY) };
    if (roll < 0.06) return { code, status: 'NOT_DONE' as const, note: 'Ran out of time' };
    return { code, status: 'DONE' as const };
  });
  const followUp = r.chance(0.06);
  const reviewed = ctx.now.getTime() - ctx.end.getTime() > 4 * 24 * HOUR && r.chance(0.8);
  const exceptions: ExceptionRow[] = [];
  if (late) {
    exceptions.push(
      exception(
        r,
        ctx,
        'LATE_CHECKIN',
        {
          scheduledStart: ctx.start.toISOString(),
          checkInAt: checkIn.toISOString(),
          minutesLate: Math.round((checkIn.getTime() - ctx.start.getTime()) / MINUTE),
          toleranceMinutes: DEFAULT_TOLERANCE_MINUTES,
        },
        ['WORKER_LATE_TRAFFIC', 'CLIENT_REQUESTED_TIME_CHANGE', 'SCHEDULE_ERROR'],
        checkIn,
      ),
    );
  }
  if (outside) {
    exceptions.push(
      exception(
        r,
        ctx,
        'CHECKIN_OUTSIDE_GEOFENCE',
        { distanceM: at.distanceM, geofenceMeters: DEFAULT_GEOFENCE_METERS, accuracyM: at.accuracyM },
        ['GPS_INACCURATE', 'SERVICE_IN_COMMUNITY', 'DEVICE_FAILURE'],
        checkIn,
      ),
    );
  }
  const fields: Partial<VisitRow> = {
    status: 'COMPLETED',
    actualStart: checkIn,
    actualEnd: checkOut,
    checkInAt: checkIn,
    checkInLat: at.lat,
    checkInLng: at.lng,
    checkInAccuracyM: at.accuracyM,
    checkInDistanceM: at.distanceM,
    checkInDeviceAt: checkIn,
    checkOutAt: checkOut,
    checkOutLat: out.lat,
    checkOutLng: out.lng,
    checkOutAccuracyM: out.accuracyM,
    checkOutDistanceM: out.distanceM,
    checkOutDeviceAt: checkOut,
    performedActivities: performed,
    notes: r.pick(ctx.care.notes),
    privateNotes: r.chance(0.05) ? r.pick(PRIVATE_NOTES) : null,
    vitals: r.chance(0.85) ? vitalsFor(r, ctx.care.vitals) : null,
    clientSatisfaction: r.chance(0.9) ? r.pick([3, 4, 4, 5, 5, 5, 5, 2]) : null,
    followUpRequired: followUp,
    followUpNote: followUp ? 'Supervisor to call the family about changes noticed today.' : null,
    billableMinutes,
    rateCents: ctx.rateCents,
    costCents: Math.round((billableMinutes * ctx.rateCents) / 60),
    reviewOutcome: reviewed ? (followUp ? 'NEEDS_FOLLOW_UP' : 'APPROVED') : null,
    reviewedBy: reviewed ? ctx.supervisorId : null,
    reviewedAt: reviewed ? new Date(checkOut.getTime() + r.int(20, 70) * HOUR) : null,
    updatedAt: checkOut,
    updatedBy: ctx.workerId,
  };
  return { fields, exceptions, doses: dosesFor(r, ctx, checkIn, checkOut) };
}

/** A visit under way right now: checked in, nothing documented yet. */
export function startVisit(r: Random, ctx: VisitContext): VisitRecords {
  const checkIn = new Date(Math.min(ctx.start.getTime() + r.int(-5, 8) * MINUTE, ctx.now.getTime()));
  const at = position(r, ctx, false);
  return {
    fields: {
      status: 'IN_PROGRESS',
      actualStart: checkIn,
      checkInAt: checkIn,
      checkInLat: at.lat,
      checkInLng: at.lng,
      checkInAccuracyM: at.accuracyM,
      checkInDistanceM: at.distanceM,
      checkInDeviceAt: checkIn,
      updatedAt: checkIn,
    },
    exceptions: [],
    doses: [],
  };
}

/** Nobody checked in: the missed-visit alert went out and the visit was marked a no-show. */
export function missVisit(r: Random, ctx: VisitContext): VisitRecords {
  const alertedAt = new Date(ctx.start.getTime() + (DEFAULT_TOLERANCE_MINUTES + 1) * MINUTE);
  return {
    fields: {
      status: 'NO_SHOW',
      missedAlertedAt: alertedAt,
      cancellationReason: r.pick([
        'Client not at home when the worker arrived',
        'Client in hospital; family forgot to call',
      ]),
      updatedAt: alertedAt,
      updatedBy: ctx.supervisorId,
    },
    exceptions: [
      exception(
        r,
        ctx,
        'MISSED_CHECKIN',
        { scheduledStart: ctx.start.toISOString(), toleranceMinutes: DEFAULT_TOLERANCE_MINUTES },
        ['CLIENT_UNAVAILABLE'],
        alertedAt,
      ),
    ],
    doses: [],
  };
}
