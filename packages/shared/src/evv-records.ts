import { z } from 'zod';
import { VISIT_STATUSES } from './visit-state';
import { evvExceptionViewSchema, MEDICATION_OUTCOMES, PERFORMED_ACTIVITY_STATUSES } from './visits';

/** The time zone a client's medication times are read in when their profile names none. */
export const DEFAULT_CLIENT_TIME_ZONE = 'America/Los_Angeles';

/** One EVV call (check-in or check-out): server time, device time and position, distance to the client's home. */
export const evvCallViewSchema = z.object({
  at: z.string(),
  deviceAt: z.string().nullable(),
  lat: z.number(),
  lng: z.number(),
  accuracyM: z.number(),
  /** Null when the client has no known home coordinates. */
  distanceM: z.number().nullable(),
});
export type EvvCallView = z.infer<typeof evvCallViewSchema>;

/** A visit's EVV state, answered by check-in and check-out with the exceptions that call raised. */
export const evvStateViewSchema = z.object({
  visitId: z.uuid(),
  status: z.enum(VISIT_STATUSES),
  scheduledStart: z.string(),
  scheduledEnd: z.string(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  checkIn: evvCallViewSchema.nullable(),
  checkOut: evvCallViewSchema.nullable(),
  geofenceMeters: z.number(),
  toleranceMinutes: z.number(),
  exceptionsRaised: z.array(evvExceptionViewSchema),
});
export type EvvStateView = z.infer<typeof evvStateViewSchema>;

/** What check-out additionally answers: the documentation as stored. */
export const checkOutViewSchema = evvStateViewSchema.extend({
  performedActivities: z.array(
    z.object({ code: z.string(), status: z.enum(PERFORMED_ACTIVITY_STATUSES), note: z.string().nullable() }),
  ),
  followUpRequired: z.boolean(),
  /** Readings outside the alert ranges, which the supervisor was told about. */
  vitalsFlagged: z.array(z.string()),
});
export type CheckOutView = z.infer<typeof checkOutViewSchema>;

/** One eMAR entry. */
export const medicationRecordViewSchema = z.object({
  id: z.uuid(),
  medicationId: z.uuid(),
  /** The due time answered; null for an as-needed (PRN) dose. */
  scheduledFor: z.string().nullable(),
  outcome: z.enum(MEDICATION_OUTCOMES),
  reason: z.string().nullable(),
  prnReason: z.string().nullable(),
  doseGiven: z.string().nullable(),
  note: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.uuid(),
});
export type MedicationRecordView = z.infer<typeof medicationRecordViewSchema>;

const medicationFields = {
  medicationId: z.uuid(),
  name: z.string(),
  dose: z.string(),
  route: z.string(),
  instructions: z.string().nullable(),
};

/** A scheduled dose due within the visit's window, with its record once made. */
export const dueDoseViewSchema = z.object({
  ...medicationFields,
  scheduledFor: z.string(),
  record: medicationRecordViewSchema.nullable(),
});
export type DueDoseView = z.infer<typeof dueDoseViewSchema>;

export const prnMedicationViewSchema = z.object({ ...medicationFields, prnIndication: z.string().nullable() });

/** `GET /visits/:id/medications`: due doses, as-needed medications, and every record of the visit. */
export const visitMedicationsViewSchema = z.object({
  visitId: z.uuid(),
  /** The zone the plan's HH:MM times were read in. */
  timeZone: z.string(),
  due: z.array(dueDoseViewSchema),
  prn: z.array(prnMedicationViewSchema),
  records: z.array(medicationRecordViewSchema),
});
export type VisitMedicationsView = z.infer<typeof visitMedicationsViewSchema>;

/** `GET /users/:id/medication-history`: every eMAR entry of a client across visits, newest first. */
export const medicationHistoryQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type MedicationHistoryQuery = z.infer<typeof medicationHistoryQuerySchema>;

export const medicationHistoryEntrySchema = medicationRecordViewSchema.extend({
  medication: z.object({ name: z.string(), dose: z.string(), route: z.string(), prn: z.boolean() }),
  visit: z.object({ id: z.uuid(), scheduledStart: z.string() }),
  /** Who recorded it; null when that account is gone. */
  recorder: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }).nullable(),
});
export type MedicationHistoryEntry = z.infer<typeof medicationHistoryEntrySchema>;
