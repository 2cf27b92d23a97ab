import { z } from 'zod';
import { paginationQuerySchema } from './envelope';
import { EVV_EXCEPTION_TYPES, EVV_REASON_CODE_KEYS, SERVICE_TYPE_KEYS } from './evv';
import { recurrenceSchema } from './recurrence';
import { VISIT_STATUSES } from './visit-state';
import { vitalsSchema } from './vitals';

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true });

const endAfterStart = (v: { scheduledStart?: string | undefined; scheduledEnd?: string | undefined }) =>
  v.scheduledStart === undefined ||
  v.scheduledEnd === undefined ||
  Date.parse(v.scheduledEnd) > Date.parse(v.scheduledStart);
const endAfterStartIssue = { message: 'must be after scheduledStart', path: ['scheduledEnd'] };
/** A visit is at most 24 hours long (so a visit overlapping [from, to) starts after from − 24 h). */
export const MAX_VISIT_MS = 24 * 3_600_000;
const notTooLong = (v: { scheduledStart?: string | undefined; scheduledEnd?: string | undefined }) =>
  v.scheduledStart === undefined ||
  v.scheduledEnd === undefined ||
  Date.parse(v.scheduledEnd) - Date.parse(v.scheduledStart) <= MAX_VISIT_MS;
const notTooLongIssue = { message: 'a visit lasts at most 24 hours', path: ['scheduledEnd'] };

export const createVisitBodySchema = z
  .strictObject({
    clientId: z.uuid(),
    /** Absent for an open shift not yet given to a worker. */
    workerId: z.uuid().nullish(),
    carePlanId: z.uuid().optional(),
    scheduledStart: instant,
    scheduledEnd: instant,
    serviceType: z.enum(SERVICE_TYPE_KEYS).default('PERSONAL_CARE'),
    /** Codes of the care plan's activities planned for this visit (default: all of them). */
    plannedActivities: z.array(z.string().max(50)).max(100).optional(),
    notes: text(5000).optional(),
    privateNotes: text(5000).optional(),
    /** Billing: admins only. Defaults to the worker's hourly rate. */
    rateCents: z.number().int().min(0).max(1_000_000).optional(),
  })
  .refine(endAfterStart, endAfterStartIssue)
  .refine(notTooLong, notTooLongIssue);
export type CreateVisitBody = z.input<typeof createVisitBodySchema>;

export const PERFORMED_ACTIVITY_STATUSES = ['DONE', 'REFUSED', 'NOT_DONE'] as const;
export const performedActivitySchema = z.strictObject({
  code: z.string().max(50),
  status: z.enum(PERFORMED_ACTIVITY_STATUSES),
  note: text(1000).optional(),
});

/** Documentation fields: written at check-out, changed afterwards only by a reasoned amendment. */
const documentationFields = {
  performedActivities: z.array(performedActivitySchema).max(100),
  notes: text(5000),
  privateNotes: text(5000),
  vitals: vitalsSchema,
  clientSatisfaction: z.number().int().min(1).max(5),
  /** The client's signature as a PNG or SVG data URL (at most ~200 KB). */
  clientSignature: z
    .string()
    .max(270_000)
    .regex(/^data:image\/(png|svg\+xml);base64,[A-Za-z0-9+/=]+$/, 'must be a PNG or SVG data URL'),
  followUpRequired: z.boolean(),
  followUpNote: text(2000),
};

export const updateVisitBodySchema = z
  .strictObject({
    workerId: z.uuid().nullish(),
    scheduledStart: instant.optional(),
    scheduledEnd: instant.optional(),
    serviceType: z.enum(SERVICE_TYPE_KEYS).optional(),
    plannedActivities: z.array(z.string().max(50)).max(100).optional(),
    rateCents: z.number().int().min(0).max(1_000_000).optional(),
    billableMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .optional(),
    performedActivities: documentationFields.performedActivities.optional(),
    notes: documentationFields.notes.optional(),
    privateNotes: documentationFields.privateNotes.optional(),
    vitals: documentationFields.vitals.optional(),
    clientSatisfaction: documentationFields.clientSatisfaction.optional(),
    clientSignature: documentationFields.clientSignature.optional(),
    followUpRequired: documentationFields.followUpRequired.optional(),
    followUpNote: documentationFields.followUpNote.optional(),
    /** Required when changing a completed visit: kept with the amendment. */
    reasonCode: z.enum(EVV_REASON_CODE_KEYS).optional(),
    reasonNote: text(1000).optional(),
    version: z.number().int().min(1).optional(),
  })
  .refine(endAfterStart, endAfterStartIssue)
  .refine(notTooLong, notTooLongIssue);

export const listVisitsQuerySchema = paginationQuerySchema.extend({
  clientId: z.uuid().optional(),
  workerId: z.uuid().optional(),
  status: z.enum(VISIT_STATUSES).optional(),
  dateFrom: instant.optional(),
  dateTo: instant.optional(),
  /** `false` leaves completed visits out (a worker's to-do view); by default they are listed. */
  includeCompleted: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .default(true),
});

export const coordinatesInputSchema = {
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** Horizontal accuracy the device reports, in meters. */
  accuracyM: z.number().min(0).max(100_000),
};

export const checkInBodySchema = z.strictObject({
  ...coordinatesInputSchema,
  /** When the device captured the position (an offline check-in replayed later); the server's time is recorded too. */
  capturedAt: instant.optional(),
  /** The worker's reason for a call away from the home or outside the time window, kept with the EVV exceptions it raises. */
  workerNote: text(500).optional(),
});

export const checkOutBodySchema = z.strictObject({
  ...coordinatesInputSchema,
  capturedAt: instant.optional(),
  performedActivities: documentationFields.performedActivities.default([]),
  notes: documentationFields.notes.optional(),
  privateNotes: documentationFields.privateNotes.optional(),
  vitals: documentationFields.vitals.optional(),
  clientSatisfaction: documentationFields.clientSatisfaction.optional(),
  clientSignature: documentationFields.clientSignature.optional(),
  followUpRequired: z.boolean().default(false),
  followUpNote: documentationFields.followUpNote.optional(),
});

export const MEDICATION_OUTCOMES = ['GIVEN', 'PARTIAL', 'REFUSED', 'NOT_GIVEN'] as const;
export const recordMedicationBodySchema = z
  .strictObject({
    medicationId: z.uuid(),
    /** The due time this record answers (from the visit's due doses); absent for an as-needed dose. */
    scheduledFor: instant.optional(),
    outcome: z.enum(MEDICATION_OUTCOMES),
    /** Why a dose was partly given, refused or not given. */
    reason: text(500).optional(),
    /** For an as-needed (PRN) dose: why it was given. */
    prnReason: text(500).optional(),
    doseGiven: text(100).optional(),
    note: text(1000).optional(),
  })
  .refine((m) => m.outcome === 'GIVEN' || m.reason !== undefined, {
    message: 'a dose not fully given needs a reason',
    path: ['reason'],
  });

export const resolveEvvExceptionBodySchema = z
  .strictObject({ reasonCode: z.enum(EVV_REASON_CODE_KEYS), note: text(1000).optional() })
  .refine((r) => r.reasonCode !== 'OTHER' || r.note !== undefined, {
    message: 'explain OTHER in a note',
    path: ['note'],
  });

export const cancelVisitBodySchema = z.strictObject({ reason: text(500) });
export const noShowBodySchema = z.strictObject({ reason: text(500).optional() });
export const rescheduleVisitBodySchema = z
  .strictObject({
    scheduledStart: instant,
    scheduledEnd: instant,
    workerId: z.uuid().nullish(),
    reason: text(500),
  })
  .refine(endAfterStart, endAfterStartIssue)
  .refine(notTooLong, notTooLongIssue);
export const reviewVisitBodySchema = z.strictObject({
  outcome: z.enum(['APPROVED', 'NEEDS_FOLLOW_UP']),
  notes: text(2000).optional(),
});

export const createSeriesBodySchema = z.strictObject({
  clientId: z.uuid(),
  workerId: z.uuid().nullish(),
  carePlanId: z.uuid().optional(),
  serviceType: z.enum(SERVICE_TYPE_KEYS).default('PERSONAL_CARE'),
  recurrence: recurrenceSchema,
  notes: text(5000).optional(),
  rateCents: z.number().int().min(0).max(1_000_000).optional(),
});

/** Editing or cancelling an occurrence: just this one, or this one and every later one. */
export const SERIES_SCOPES = ['THIS', 'THIS_AND_FOLLOWING'] as const;

export const availableWorkersQuerySchema = z
  .object({ from: instant, to: instant, clientId: z.uuid() })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'must be after from', path: ['to'] });

export const evvExceptionViewSchema = z.object({
  id: z.uuid(),
  type: z.enum(EVV_EXCEPTION_TYPES),
  detail: z.record(z.string(), z.unknown()),
  status: z.enum(['OPEN', 'RESOLVED']),
  reasonCode: z.enum(EVV_REASON_CODE_KEYS).nullable(),
  note: z.string().nullable(),
  resolvedBy: z.uuid().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});

// ── Series occurrences ──────────────────────────────────────────────────────────────────────

/** What an occurrence edit may change; times are wall-clock in the series' time zone. */
export const occurrenceChangesSchema = z
  .strictObject({
    startTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')
      .optional(),
    durationMinutes: z
      .number()
      .int()
      .min(15)
      .max(24 * 60)
      .optional(),
    /** Null leaves the occurrences unassigned. */
    workerId: z.uuid().nullish(),
    serviceType: z.enum(SERVICE_TYPE_KEYS).optional(),
    plannedActivities: z.array(z.string().max(50)).max(100).optional(),
    notes: text(5000).optional(),
  })
  .refine((c) => Object.keys(c).length > 0, { message: 'name at least one change' });

export const editOccurrenceBodySchema = z.strictObject({
  scope: z.enum(SERIES_SCOPES),
  changes: occurrenceChangesSchema,
});
export type EditOccurrenceBody = z.infer<typeof editOccurrenceBodySchema>;

export const cancelOccurrenceBodySchema = z.strictObject({
  scope: z.enum(SERIES_SCOPES),
  reason: text(500),
});
