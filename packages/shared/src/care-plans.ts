import { z } from 'zod';
import { paginationQuerySchema } from './envelope';

export const CARE_PLAN_STATUSES = ['DRAFT', 'ACTIVE', 'ON_HOLD', 'COMPLETED', 'DISCONTINUED'] as const;
export type CarePlanStatus = (typeof CARE_PLAN_STATUSES)[number];

/** DRAFT → ACTIVE only through supervisor approval (`/approve`), never through a plain status change. */
export const CARE_PLAN_TRANSITIONS: Record<CarePlanStatus, readonly CarePlanStatus[]> = {
  DRAFT: ['DISCONTINUED'],
  ACTIVE: ['ON_HOLD', 'COMPLETED', 'DISCONTINUED'],
  ON_HOLD: ['ACTIVE', 'COMPLETED', 'DISCONTINUED'],
  COMPLETED: [],
  DISCONTINUED: [],
};

/** ICD-10-CM code format: letter (not U), digit, alphanumeric, then optionally a dot and 1–4 more. */
export const ICD10_CM_PATTERN = /^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;
export const icd10CodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(ICD10_CM_PATTERN, 'must be an ICD-10-CM code such as E11.9 or I10');

export const MEDICATION_ROUTES = [
  'ORAL',
  'SUBLINGUAL',
  'TOPICAL',
  'TRANSDERMAL',
  'INHALED',
  'NASAL',
  'OPHTHALMIC',
  'OTIC',
  'SUBCUTANEOUS',
  'INTRAMUSCULAR',
  'RECTAL',
  'OTHER',
] as const;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date();

export const medicationInputSchema = z
  .strictObject({
    /** Present when updating an existing medication; absent for a new one. */
    id: z.uuid().optional(),
    name: text(200),
    dose: text(100),
    route: z.enum(MEDICATION_ROUTES),
    /** Local times (client's time zone) a scheduled dose is due; empty for as-needed (PRN). */
    times: z.array(clock).max(12).default([]),
    prn: z.boolean().default(false),
    prnIndication: text(300).optional(),
    instructions: text(1000).optional(),
  })
  .refine((m) => m.prn || m.times.length > 0, {
    message: 'a scheduled medication needs at least one time',
    path: ['times'],
  })
  .refine((m) => !m.prn || m.prnIndication !== undefined, {
    message: 'an as-needed medication needs its indication',
    path: ['prnIndication'],
  });

export const goalInputSchema = z.strictObject({
  id: z.uuid().optional(),
  description: text(500),
  /** How progress is measured, e.g. "steps walked unassisted". */
  measure: text(200),
  baselineValue: z.number().finite().optional(),
  targetValue: z.number().finite().optional(),
  unit: text(30).optional(),
  targetDate: isoDate.optional(),
});

export const activityInputSchema = z.strictObject({
  /** Stable code used by visits to report the activity done or refused. */
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,48}$/, 'must be a short lowercase code such as bathing or meal-prep'),
  name: text(200),
  instructions: text(1000).optional(),
});

const carePlanFields = {
  title: text(200),
  goals: z.array(goalInputSchema).max(50),
  activities: z.array(activityInputSchema).max(100),
  medications: z.array(medicationInputSchema).max(100),
  specialInstructions: text(5000),
  emergencyProtocol: text(5000),
  safetyNotes: text(5000),
  diagnosisCodes: z.array(icd10CodeSchema).max(30),
  requiredSkills: z.array(text(100)).max(30),
  startsOn: isoDate,
  endsOn: isoDate,
  nextReviewOn: isoDate,
};

const datesInOrder = (plan: { startsOn?: string | undefined; endsOn?: string | undefined }) =>
  plan.endsOn === undefined || plan.startsOn === undefined || plan.endsOn >= plan.startsOn;
const datesInOrderIssue = { message: 'must not be before startsOn', path: ['endsOn'] };
const reviewAfterStart = (plan: { startsOn?: string | undefined; nextReviewOn?: string | undefined }) =>
  plan.nextReviewOn === undefined || plan.startsOn === undefined || plan.nextReviewOn >= plan.startsOn;
const reviewAfterStartIssue = { message: 'must not be before startsOn', path: ['nextReviewOn'] };

export const createCarePlanBodySchema = z
  .strictObject({
    clientId: z.uuid(),
    ...carePlanFields,
    goals: carePlanFields.goals.default([]),
    activities: carePlanFields.activities.default([]),
    medications: carePlanFields.medications.default([]),
    diagnosisCodes: carePlanFields.diagnosisCodes.default([]),
    requiredSkills: carePlanFields.requiredSkills.default([]),
    specialInstructions: carePlanFields.specialInstructions.optional(),
    emergencyProtocol: carePlanFields.emergencyProtocol.optional(),
    safetyNotes: carePlanFields.safetyNotes.optional(),
    endsOn: carePlanFields.endsOn.optional(),
  })
  .refine(datesInOrder, datesInOrderIssue)
  .refine(reviewAfterStart, reviewAfterStartIssue);
export type CreateCarePlanBody = z.input<typeof createCarePlanBodySchema>;

/** Every field optional; a list given replaces the plan's list (items keep their `id`). */
export const updateCarePlanBodySchema = z
  .strictObject(carePlanFields)
  .partial()
  .extend({
    /** Optimistic concurrency: the version the caller last read. */
    version: z.number().int().min(1),
    /** Why the plan changed; kept with the version. */
    changeSummary: text(500).optional(),
  })
  .refine(datesInOrder, datesInOrderIssue)
  .refine(reviewAfterStart, reviewAfterStartIssue);
export type UpdateCarePlanBody = z.input<typeof updateCarePlanBodySchema>;

export const carePlanStatusBodySchema = z.strictObject({
  status: z.enum(CARE_PLAN_STATUSES),
  reason: text(500),
});

/** Approval may carry a note; it is kept as the new version's change summary. */
export const approveCarePlanBodySchema = z.strictObject({ note: text(500).optional() });

export const goalProgressBodySchema = z.strictObject({
  value: z.number().finite().optional(),
  note: text(2000),
  recordedAt: z.iso.datetime({ offset: true }).optional(),
});

export const listCarePlansQuerySchema = paginationQuerySchema.extend({
  clientId: z.uuid().optional(),
  status: z.enum(CARE_PLAN_STATUSES).optional(),
  /** Plans whose next review falls within this many days (0 = overdue only). */
  reviewDue: z.coerce.number().int().min(0).max(365).optional(),
});

export const CARE_PLAN_REVIEW_REMINDER_DAYS = 14;

// Answers. Dates are ISO `YYYY-MM-DD`, instants ISO date-times.

export const goalProgressViewSchema = z.object({
  id: z.uuid(),
  recordedAt: z.string(),
  value: z.number().nullable(),
  note: z.string(),
  visitId: z.uuid().nullable(),
  recordedBy: z.uuid().nullable(),
});
export type GoalProgressView = z.infer<typeof goalProgressViewSchema>;

export const goalViewSchema = z.object({
  id: z.uuid(),
  description: z.string(),
  measure: z.string(),
  baselineValue: z.number().nullable(),
  targetValue: z.number().nullable(),
  unit: z.string().nullable(),
  targetDate: z.string().nullable(),
});

export const medicationViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  dose: z.string(),
  route: z.string(),
  times: z.array(z.string()),
  prn: z.boolean(),
  prnIndication: z.string().nullable(),
  instructions: z.string().nullable(),
});

export const plannedActivityViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  instructions: z.string().nullable().optional(),
});

/** A plan as one version keeps it: its fields, goals and medications (not progress, not visits). */
export const carePlanSnapshotSchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  status: z.enum(CARE_PLAN_STATUSES),
  title: z.string(),
  goals: z.array(goalViewSchema),
  activities: z.array(plannedActivityViewSchema),
  medications: z.array(medicationViewSchema),
  specialInstructions: z.string().nullable(),
  emergencyProtocol: z.string().nullable(),
  safetyNotes: z.string().nullable(),
  diagnosisCodes: z.array(z.string()),
  requiredSkills: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  nextReviewOn: z.string(),
  approvedBy: z.uuid().nullable(),
  approvedAt: z.string().nullable(),
  statusReason: z.string().nullable(),
  version: z.number().int(),
});
export type CarePlanSnapshot = z.infer<typeof carePlanSnapshotSchema>;

export const carePlanVisitViewSchema = z.object({
  id: z.uuid(),
  scheduledStart: z.string(),
  scheduledEnd: z.string(),
  status: z.string(),
  workerId: z.uuid().nullable(),
});

/**
 * One plan as the caller may read it. Staff-only fields (`approvedBy`, `statusReason`,
 * `createdBy`, `updatedBy`) appear for supervisors and admins only.
 */
export const carePlanViewSchema = carePlanSnapshotSchema
  .omit({ approvedBy: true, statusReason: true, goals: true })
  .extend({
    goals: z.array(goalViewSchema.extend({ progress: z.array(goalProgressViewSchema) })),
    approvedBy: z.uuid().nullable().optional(),
    statusReason: z.string().nullable().optional(),
    createdBy: z.uuid().nullable().optional(),
    updatedBy: z.uuid().nullable().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** The plan's visits the caller may see, newest first, at most 50. */
    visits: z.array(carePlanVisitViewSchema),
  });
export type CarePlanView = z.infer<typeof carePlanViewSchema>;

/** A plan in a list: enough to pick it, without its clinical content. */
export const carePlanSummarySchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  status: z.enum(CARE_PLAN_STATUSES),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  nextReviewOn: z.string(),
  approvedAt: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type CarePlanSummary = z.infer<typeof carePlanSummarySchema>;

export const carePlanVersionViewSchema = z.object({
  version: z.number().int(),
  snapshot: carePlanSnapshotSchema,
  changeSummary: z.string().nullable(),
  changedBy: z.uuid().nullable(),
  changedAt: z.string(),
});
export type CarePlanVersionView = z.infer<typeof carePlanVersionViewSchema>;

export const goalProgressResultSchema = goalProgressViewSchema.extend({ goalId: z.uuid() });

export type CarePlanStatusBody = z.infer<typeof carePlanStatusBodySchema>;
export type GoalProgressBody = z.infer<typeof goalProgressBodySchema>;
export type ListCarePlansQuery = z.infer<typeof listCarePlansQuerySchema>;
/** Bodies as the API receives them, defaults applied. */
export type CreateCarePlanInput = z.output<typeof createCarePlanBodySchema>;
export type UpdateCarePlanInput = z.output<typeof updateCarePlanBodySchema>;
