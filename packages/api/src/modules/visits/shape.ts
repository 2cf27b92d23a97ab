import {
  canReadPrivateNotes,
  canReadVisitBilling,
  type EvvReasonCode,
  type Role,
  VISIT_BILLING_FIELDS,
  type VisitDetailView,
  type VisitView,
} from '@caretracker/shared';
import { shapeRating } from '../visit-feedback/shape';
import type { VisitHistory, VisitRecord, VisitRow } from './queries';

const iso = (date: Date | null) => date?.toISOString() ?? null;

function call(
  at: Date | null,
  lat: number | null,
  lng: number | null,
  accuracyM: number | null,
  distanceM: number | null,
  deviceAt: Date | null,
) {
  if (!at) return null;
  return { at: at.toISOString(), lat, lng, accuracyM, distanceM, deviceAt: iso(deviceAt) };
}

/** A visit as the role may read it: private notes hidden from clients, billing from clients and workers. */
export function shapeVisit({ visit: v, client, worker, workerHasPhoto }: VisitRecord, role: Role): VisitView {
  const view: VisitView = {
    id: v.id,
    clientId: v.clientId,
    workerId: v.workerId,
    client,
    worker: worker ? { ...worker, hasPhoto: workerHasPhoto } : null,
    carePlanId: v.carePlanId,
    seriesId: v.seriesId,
    status: v.status,
    serviceType: v.serviceType,
    scheduledStart: v.scheduledStart.toISOString(),
    scheduledEnd: v.scheduledEnd.toISOString(),
    durationMinutes: Math.round((v.scheduledEnd.getTime() - v.scheduledStart.getTime()) / 60_000),
    actualStart: iso(v.actualStart),
    actualEnd: iso(v.actualEnd),
    location: (v.location as Record<string, unknown> | null) ?? null,
    locationLat: v.locationLat,
    locationLng: v.locationLng,
    notes: v.notes,
    plannedActivities: v.plannedActivities,
    performedActivities: v.performedActivities,
    vitals: v.vitals,
    clientSatisfaction: v.clientSatisfaction,
    clientSignature: v.clientSignature,
    followUpRequired: v.followUpRequired,
    followUpNote: v.followUpNote,
    checkIn: call(v.checkInAt, v.checkInLat, v.checkInLng, v.checkInAccuracyM, v.checkInDistanceM, v.checkInDeviceAt),
    checkOut: call(
      v.checkOutAt,
      v.checkOutLat,
      v.checkOutLng,
      v.checkOutAccuracyM,
      v.checkOutDistanceM,
      v.checkOutDeviceAt,
    ),
    review: v.reviewOutcome
      ? { outcome: v.reviewOutcome, notes: v.reviewNotes, reviewedBy: v.reviewedBy, reviewedAt: iso(v.reviewedAt) }
      : null,
    confirmedAt: iso(v.confirmedAt),
    cancellationReason: v.cancellationReason,
    cancelledAt: iso(v.cancelledAt),
    noShowReason: v.noShowReason,
    rescheduledFromId: v.rescheduledFromId,
    rescheduledToId: v.rescheduledToId,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    version: v.version,
  };
  if (canReadPrivateNotes(role)) view.privateNotes = v.privateNotes;
  if (canReadVisitBilling(role)) {
    view.rateCents = v.rateCents;
    view.costCents = v.costCents;
    view.billableMinutes = v.billableMinutes;
  }
  return view;
}

/** Whether the role may read a field's values, so an amendment of it may be shown. */
export function canReadVisitField(role: Role, field: string): boolean {
  if (field === 'privateNotes') return canReadPrivateNotes(role);
  if ((VISIT_BILLING_FIELDS as readonly string[]).includes(field)) return canReadVisitBilling(role);
  return true;
}

/** The detail view: the visit plus its EVV exceptions, doses and the amendments the role may read. */
export function shapeVisitDetail(record: VisitRecord, history: VisitHistory, role: Role): VisitDetailView {
  return {
    ...shapeVisit(record, role),
    evvExceptions: history.exceptions.map((e) => ({
      id: e.id,
      type: e.type as VisitDetailView['evvExceptions'][number]['type'],
      detail: e.detail,
      status: e.status,
      reasonCode: e.reasonCode as EvvReasonCode | null,
      note: e.note,
      resolvedBy: e.resolvedBy,
      resolvedAt: iso(e.resolvedAt),
      createdAt: e.createdAt.toISOString(),
    })),
    medicationAdministrations: history.administrations.map(({ record: m, name, dose }) => ({
      id: m.id,
      medicationId: m.medicationId,
      medicationName: name,
      dose,
      scheduledFor: iso(m.scheduledFor),
      outcome: m.outcome,
      reason: m.reason,
      prnReason: m.prnReason,
      doseGiven: m.doseGiven,
      note: m.note,
      recordedAt: m.recordedAt.toISOString(),
      recordedBy: m.recordedBy,
    })),
    amendments: history.amendments
      .filter((a) => canReadVisitField(role, a.field))
      .map((a) => ({
        id: a.id,
        field: a.field,
        oldValue: a.oldValue,
        newValue: a.newValue,
        reasonCode: a.reasonCode as EvvReasonCode,
        note: a.note,
        changedBy: a.changedBy,
        changedAt: a.changedAt.toISOString(),
      })),
    // The client's opinion of the visit is for the office, not for the worker it is about.
    rating: history.rating && role !== 'WORKER' ? shapeRating(history.rating) : null,
  };
}

/** The writable fields of a visit, as an update names them, for diffing and the audit trail. */
export function writableValues(v: VisitRow): Record<string, unknown> {
  return {
    workerId: v.workerId,
    scheduledStart: v.scheduledStart.toISOString(),
    scheduledEnd: v.scheduledEnd.toISOString(),
    serviceType: v.serviceType,
    plannedActivities: v.plannedActivities,
    rateCents: v.rateCents,
    billableMinutes: v.billableMinutes,
    performedActivities: v.performedActivities,
    notes: v.notes,
    privateNotes: v.privateNotes,
    vitals: v.vitals,
    clientSatisfaction: v.clientSatisfaction,
    clientSignature: v.clientSignature,
    followUpRequired: v.followUpRequired,
    followUpNote: v.followUpNote,
  };
}

/** Audit values of a visit: everything but the signature image, which is large and says nothing to a reviewer. */
export function auditValues(v: Partial<VisitRow> | Record<string, unknown>): Record<string, unknown> {
  const { clientSignature, ...rest } = v as Record<string, unknown>;
  return clientSignature === undefined ? rest : { ...rest, clientSignature: clientSignature ? '[signature]' : null };
}
