import { z } from 'zod';
import { EVV_REASON_CODE_KEYS } from './evv';
import { recurrenceSchema } from './recurrence';
import { visitRatingViewSchema } from './visit-feedback';
import { VISIT_STATUSES } from './visit-state';
import { evvExceptionViewSchema, MEDICATION_OUTCOMES, PERFORMED_ACTIVITY_STATUSES, SERIES_SCOPES } from './visits';

/** What the visits API answers; the apps parse with the same schemas. */
const personSummarySchema = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() });

/** A check-in or check-out as recorded: server time, device position and distance to the client's home. */
export const visitCallViewSchema = z.object({
  at: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  accuracyM: z.number().nullable(),
  distanceM: z.number().nullable(),
  deviceAt: z.string().nullable(),
});

/**
 * A visit as the caller may read it. `privateNotes` is absent for clients; the billing fields
 * (`rateCents`, `costCents`, `billableMinutes`) are absent for clients and workers.
 */
export const visitViewSchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  workerId: z.uuid().nullable(),
  client: personSummarySchema,
  /** `hasPhoto`: `GET /users/:id/photo` serves the worker's photo to those who may read the visit. */
  worker: personSummarySchema.extend({ hasPhoto: z.boolean() }).nullable(),
  carePlanId: z.uuid().nullable(),
  seriesId: z.uuid().nullable(),
  status: z.enum(VISIT_STATUSES),
  serviceType: z.string(),
  scheduledStart: z.string(),
  scheduledEnd: z.string(),
  durationMinutes: z.number().int(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  location: z.record(z.string(), z.unknown()).nullable(),
  locationLat: z.number().nullable(),
  locationLng: z.number().nullable(),
  notes: z.string().nullable(),
  privateNotes: z.string().nullable().optional(),
  plannedActivities: z.array(z.string()),
  performedActivities: z.array(
    z.object({ code: z.string(), status: z.enum(PERFORMED_ACTIVITY_STATUSES), note: z.string().nullish() }),
  ),
  vitals: z.record(z.string(), z.number()).nullable(),
  clientSatisfaction: z.number().int().nullable(),
  clientSignature: z.string().nullable(),
  followUpRequired: z.boolean(),
  followUpNote: z.string().nullable(),
  checkIn: visitCallViewSchema.nullable(),
  checkOut: visitCallViewSchema.nullable(),
  billableMinutes: z.number().int().nullable().optional(),
  rateCents: z.number().int().nullable().optional(),
  costCents: z.number().int().nullable().optional(),
  review: z
    .object({
      outcome: z.enum(['APPROVED', 'NEEDS_FOLLOW_UP']),
      notes: z.string().nullable(),
      reviewedBy: z.uuid().nullable(),
      reviewedAt: z.string().nullable(),
    })
    .nullable(),
  confirmedAt: z.string().nullable(),
  cancellationReason: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  /** Why the visit did not happen, when it was marked NO_SHOW with a reason. */
  noShowReason: z.string().nullable(),
  rescheduledFromId: z.uuid().nullable(),
  rescheduledToId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type VisitView = z.infer<typeof visitViewSchema>;

/** One field of a visit changed after check-out: the original, the new value, who, when, why. */
export const visitAmendmentViewSchema = z.object({
  id: z.uuid(),
  field: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  reasonCode: z.enum(EVV_REASON_CODE_KEYS),
  note: z.string().nullable(),
  changedBy: z.uuid(),
  changedAt: z.string(),
});

export const medicationAdministrationViewSchema = z.object({
  id: z.uuid(),
  medicationId: z.uuid(),
  medicationName: z.string(),
  dose: z.string(),
  scheduledFor: z.string().nullable(),
  outcome: z.enum(MEDICATION_OUTCOMES),
  reason: z.string().nullable(),
  prnReason: z.string().nullable(),
  doseGiven: z.string().nullable(),
  note: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.uuid(),
});

/** `GET /visits/:id`: the visit with its EVV exceptions, doses recorded and amendment history. */
export const visitDetailViewSchema = visitViewSchema.extend({
  evvExceptions: z.array(evvExceptionViewSchema),
  medicationAdministrations: z.array(medicationAdministrationViewSchema),
  amendments: z.array(visitAmendmentViewSchema),
  /** The client's rating once they gave one; shown to the client and the office, not the worker. */
  rating: visitRatingViewSchema.nullable(),
});
export type VisitDetailView = z.infer<typeof visitDetailViewSchema>;

export const visitSeriesViewSchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  workerId: z.uuid().nullable(),
  carePlanId: z.uuid().nullable(),
  serviceType: z.string(),
  recurrence: recurrenceSchema,
  notes: z.string().nullable(),
  createdAt: z.string(),
  visits: z.array(visitViewSchema),
});

/** The visits an occurrence edit or cancellation changed. */
export const occurrencesChangedViewSchema = z.object({
  seriesId: z.uuid(),
  scope: z.enum(SERIES_SCOPES),
  visits: z.array(visitViewSchema),
});

/** An occurrence that would overlap one of the worker's booked visits (in a 409's `details.clashes`). */
export const seriesClashSchema = z.object({
  date: z.string(),
  scheduledStart: z.string(),
  scheduledEnd: z.string(),
  clashingVisitId: z.uuid(),
});

/** `GET /workers/available`: a worker free for the slot, nearest first. */
export const availableWorkerViewSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  skills: z.array(z.string()),
  /** Straight-line distance from the worker's home to the client's; null when either is unknown. */
  distanceMeters: z.number().nullable(),
  onCareTeam: z.boolean(),
  careTeamRole: z.enum(['PRIMARY', 'BACKUP']).nullable(),
});
