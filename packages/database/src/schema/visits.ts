import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { carePlanMedications, carePlans } from './care-plans';
import { bookkeeping, id, tstz } from './columns';
import { type AddressValue, users } from './users';

export const VISIT_STATUS_VALUES = [
  'SCHEDULED',
  'CONFIRMED',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
  'RESCHEDULED',
] as const;

export interface PerformedActivityValue {
  code: string;
  status: 'DONE' | 'REFUSED' | 'NOT_DONE';
  note?: string | null;
}
export interface RecurrenceValue {
  frequency: 'DAILY' | 'WEEKDAYS' | 'WEEKLY' | 'MONTHLY';
  daysOfWeek?: string[];
  startsOn: string;
  until?: string;
  count?: number;
  startTime: string;
  durationMinutes: number;
  timeZone: string;
}

/** Classification: PHI. A recurring booking; its visits are materialised rows. */
export const visitSeries = pgTable(
  'visit_series',
  {
    id: id(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => users.id),
    workerId: uuid('worker_id').references(() => users.id),
    carePlanId: uuid('care_plan_id').references(() => carePlans.id),
    serviceType: text('service_type').notNull(),
    recurrence: jsonb('recurrence').$type<RecurrenceValue>().notNull(),
    notes: text('notes'),
    rateCents: integer('rate_cents'),
    ...bookkeeping(),
  },
  (t) => [index('visit_series_client_idx').on(t.clientId)],
);

/**
 * Classification: PHI. One visit. The exclusion constraint in the custom migration keeps a
 * worker's booked visits from overlapping.
 */
export const visits = pgTable(
  'visits',
  {
    id: id(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => users.id),
    workerId: uuid('worker_id').references(() => users.id),
    carePlanId: uuid('care_plan_id').references(() => carePlans.id),
    seriesId: uuid('series_id').references(() => visitSeries.id),
    status: text('status', { enum: VISIT_STATUS_VALUES }).notNull().default('SCHEDULED'),
    serviceType: text('service_type').notNull(),
    scheduledStart: tstz('scheduled_start').notNull(),
    scheduledEnd: tstz('scheduled_end').notNull(),
    actualStart: tstz('actual_start'),
    actualEnd: tstz('actual_end'),
    /** Where the visit happens: the client's address and home coordinates when it was booked. */
    location: jsonb('location').$type<AddressValue>(),
    locationLat: doublePrecision('location_lat'),
    locationLng: doublePrecision('location_lng'),
    notes: text('notes'),
    privateNotes: text('private_notes'),
    plannedActivities: jsonb('planned_activities').$type<string[]>().notNull().default([]),
    performedActivities: jsonb('performed_activities').$type<PerformedActivityValue[]>().notNull().default([]),
    vitals: jsonb('vitals').$type<Record<string, number>>(),
    clientSatisfaction: smallint('client_satisfaction'),
    clientSignature: text('client_signature'),
    followUpRequired: boolean('follow_up_required').notNull().default(false),
    followUpNote: text('follow_up_note'),
    // EVV: server time, device position, distance to the client's home.
    checkInAt: tstz('check_in_at'),
    checkInLat: doublePrecision('check_in_lat'),
    checkInLng: doublePrecision('check_in_lng'),
    checkInAccuracyM: doublePrecision('check_in_accuracy_m'),
    checkInDistanceM: doublePrecision('check_in_distance_m'),
    checkInDeviceAt: tstz('check_in_device_at'),
    checkOutAt: tstz('check_out_at'),
    checkOutLat: doublePrecision('check_out_lat'),
    checkOutLng: doublePrecision('check_out_lng'),
    checkOutAccuracyM: doublePrecision('check_out_accuracy_m'),
    checkOutDistanceM: doublePrecision('check_out_distance_m'),
    checkOutDeviceAt: tstz('check_out_device_at'),
    // Billing.
    billableMinutes: integer('billable_minutes'),
    rateCents: integer('rate_cents'),
    costCents: integer('cost_cents'),
    // Supervision.
    reviewOutcome: text('review_outcome', { enum: ['APPROVED', 'NEEDS_FOLLOW_UP'] }),
    reviewNotes: text('review_notes'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: tstz('reviewed_at'),
    confirmedAt: tstz('confirmed_at'),
    confirmedBy: uuid('confirmed_by'),
    cancellationReason: text('cancellation_reason'),
    cancelledAt: tstz('cancelled_at'),
    cancelledBy: uuid('cancelled_by'),
    /** Why the visit did not happen, as given when it was marked NO_SHOW. */
    noShowReason: text('no_show_reason'),
    rescheduledFromId: uuid('rescheduled_from_id'),
    rescheduledToId: uuid('rescheduled_to_id'),
    missedAlertedAt: tstz('missed_alerted_at'),
    /** Set from a sequence on every insert and update (trigger): EVV exports send what changed since the last one. */
    evvSequence: bigint('evv_sequence', { mode: 'number' }),
    ...bookkeeping(),
  },
  (t) => [
    index('visits_worker_start_idx').on(t.workerId, t.scheduledStart),
    index('visits_client_start_idx').on(t.clientId, t.scheduledStart),
    // With the id, so pages in (scheduled_start, id) order stop after a page even where many visits share a start.
    // The columns after it (never needed for the order: the id is unique) are what the visit report and the
    // overview's day counts read, so they count a month of visits from the index alone (an index-only scan of
    // about 1,300 pages for 84,000 visits instead of 14,000 pages of the wide visit rows).
    index('visits_start_idx').on(
      t.scheduledStart,
      t.id,
      t.status,
      t.deletedAt,
      t.scheduledEnd,
      t.cancelledAt,
      t.checkInAt,
      t.actualStart,
      t.actualEnd,
    ),
    index('visits_series_idx').on(t.seriesId, t.scheduledStart),
    index('visits_status_start_idx').on(t.status, t.scheduledStart),
    index('visits_evv_sequence_idx').on(t.evvSequence),
    check('visits_time_order_check', sql`${t.scheduledEnd} > ${t.scheduledStart}`),
    // What the API allows (MAX_VISIT_MS); range queries rely on it to bound scheduled_start from below.
    check('visits_length_check', sql`${t.scheduledEnd} - ${t.scheduledStart} <= interval '24 hours'`),
    check(
      'visits_actual_order_check',
      sql`${t.actualEnd} is null or ${t.actualStart} is null or ${t.actualEnd} >= ${t.actualStart}`,
    ),
    check(
      'visits_status_check',
      sql`${t.status} in ('SCHEDULED','CONFIRMED','IN_PROGRESS','COMPLETED','CANCELLED','NO_SHOW','RESCHEDULED')`,
    ),
    check('visits_satisfaction_check', sql`${t.clientSatisfaction} between 1 and 5`),
    check(
      'visits_money_check',
      sql`coalesce(${t.rateCents}, 0) >= 0 and coalesce(${t.costCents}, 0) >= 0 and coalesce(${t.billableMinutes}, 0) >= 0`,
    ),
    check('visits_cancel_reason_check', sql`${t.status} <> 'CANCELLED' or ${t.cancellationReason} is not null`),
  ],
);

/** Classification: PHI. An EVV exception a supervisor must resolve with a reason code. */
export const evvExceptions = pgTable(
  'evv_exceptions',
  {
    id: id(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    type: text('type').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: ['OPEN', 'RESOLVED'] })
      .notNull()
      .default('OPEN'),
    reasonCode: text('reason_code'),
    note: text('note'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: tstz('resolved_at'),
    ...bookkeeping(),
  },
  (t) => [
    uniqueIndex('evv_exceptions_visit_type_key').on(t.visitId, t.type),
    index('evv_exceptions_open_idx').on(t.status, t.createdAt),
    check(
      'evv_exceptions_resolution_check',
      sql`${t.status} = 'OPEN' or (${t.reasonCode} is not null and ${t.resolvedAt} is not null)`,
    ),
  ],
);

/** Classification: PHI. A change to a visit after check-out: the original, the new value, who, when, why. */
export const visitAmendments = pgTable(
  'visit_amendments',
  {
    id: id(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    field: text('field').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    reasonCode: text('reason_code').notNull(),
    note: text('note'),
    changedBy: uuid('changed_by').notNull(),
    changedAt: tstz('changed_at').notNull().defaultNow(),
  },
  (t) => [index('visit_amendments_visit_idx').on(t.visitId, t.changedAt)],
);

/** Classification: PHI. The eMAR: each dose given, partly given, refused or not given. */
export const medicationAdministrations = pgTable(
  'medication_administrations',
  {
    id: id(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    medicationId: uuid('medication_id')
      .notNull()
      .references(() => carePlanMedications.id),
    /** The due time answered; null for an as-needed (PRN) dose. */
    scheduledFor: tstz('scheduled_for'),
    outcome: text('outcome', { enum: ['GIVEN', 'PARTIAL', 'REFUSED', 'NOT_GIVEN'] }).notNull(),
    reason: text('reason'),
    prnReason: text('prn_reason'),
    doseGiven: text('dose_given'),
    note: text('note'),
    recordedAt: tstz('recorded_at').notNull().defaultNow(),
    recordedBy: uuid('recorded_by').notNull(),
    ...bookkeeping(),
  },
  (t) => [
    uniqueIndex('medication_administrations_dose_key')
      .on(t.visitId, t.medicationId, t.scheduledFor)
      .where(sql`${t.scheduledFor} is not null and ${t.deletedAt} is null`),
    index('medication_administrations_visit_idx').on(t.visitId),
    // The visit report's refused doses: a few percent of the rows, found without reading the rest.
    index('medication_administrations_refused_idx')
      .on(t.visitId)
      .where(sql`${t.outcome} = 'REFUSED' and ${t.deletedAt} is null`),
    check('medication_administrations_outcome_check', sql`${t.outcome} in ('GIVEN','PARTIAL','REFUSED','NOT_GIVEN')`),
    check('medication_administrations_reason_check', sql`${t.outcome} = 'GIVEN' or ${t.reason} is not null`),
  ],
);

/**
 * Classification: PHI. The client's own rating of a completed visit (1–5 stars, an optional
 * comment): one per visit, which the client may change for a while after first rating it.
 */
export const visitRatings = pgTable(
  'visit_ratings',
  {
    id: id(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    clientId: uuid('client_id')
      .notNull()
      .references(() => users.id),
    stars: smallint('stars').notNull(),
    comment: text('comment'),
    ...bookkeeping(),
  },
  (t) => [
    uniqueIndex('visit_ratings_visit_key').on(t.visitId).where(sql`${t.deletedAt} is null`),
    index('visit_ratings_client_idx').on(t.clientId),
    check('visit_ratings_stars_check', sql`${t.stars} between 1 and 5`),
  ],
);
