import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bookkeeping, id, tstz } from './columns';
import { users } from './users';

export interface PlannedActivityValue {
  code: string;
  name: string;
  instructions?: string | null;
}

/** Classification: PHI. A client's plan of care; every change is kept in `care_plan_versions`. */
export const carePlans = pgTable(
  'care_plans',
  {
    id: id(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['DRAFT', 'ACTIVE', 'ON_HOLD', 'COMPLETED', 'DISCONTINUED'] })
      .notNull()
      .default('DRAFT'),
    title: text('title').notNull(),
    activities: jsonb('activities').$type<PlannedActivityValue[]>().notNull().default([]),
    specialInstructions: text('special_instructions'),
    emergencyProtocol: text('emergency_protocol'),
    safetyNotes: text('safety_notes'),
    diagnosisCodes: text('diagnosis_codes').array().notNull().default(sql`'{}'::text[]`),
    requiredSkills: text('required_skills').array().notNull().default(sql`'{}'::text[]`),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    nextReviewOn: date('next_review_on', { mode: 'string' }).notNull(),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: tstz('approved_at'),
    statusReason: text('status_reason'),
    reviewReminderSentOn: date('review_reminder_sent_on', { mode: 'string' }),
    ...bookkeeping(),
  },
  (t) => [
    index('care_plans_client_idx').on(t.clientId, t.status),
    index('care_plans_review_idx')
      .on(t.nextReviewOn)
      .where(sql`${t.status} in ('ACTIVE','ON_HOLD') and ${t.deletedAt} is null`),
    // One active plan per client at a time.
    uniqueIndex('care_plans_one_active_key')
      .on(t.clientId)
      .where(sql`${t.status} = 'ACTIVE' and ${t.deletedAt} is null`),
    check('care_plans_status_check', sql`${t.status} in ('DRAFT','ACTIVE','ON_HOLD','COMPLETED','DISCONTINUED')`),
    check('care_plans_dates_check', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

export const carePlanGoals = pgTable(
  'care_plan_goals',
  {
    id: id(),
    carePlanId: uuid('care_plan_id')
      .notNull()
      .references(() => carePlans.id),
    description: text('description').notNull(),
    measure: text('measure').notNull(),
    baselineValue: doublePrecision('baseline_value'),
    targetValue: doublePrecision('target_value'),
    unit: text('unit'),
    targetDate: date('target_date', { mode: 'string' }),
    position: integer('position').notNull().default(0),
    ...bookkeeping(),
  },
  (t) => [index('care_plan_goals_plan_idx').on(t.carePlanId)],
);

export const carePlanGoalProgress = pgTable(
  'care_plan_goal_progress',
  {
    id: id(),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => carePlanGoals.id),
    recordedAt: tstz('recorded_at').notNull().defaultNow(),
    value: doublePrecision('value'),
    note: text('note').notNull(),
    visitId: uuid('visit_id'),
    ...bookkeeping(),
  },
  (t) => [index('care_plan_goal_progress_goal_idx').on(t.goalId, t.recordedAt)],
);

/** Medications the plan schedules (eMAR) or allows as needed (PRN). */
export const carePlanMedications = pgTable(
  'care_plan_medications',
  {
    id: id(),
    carePlanId: uuid('care_plan_id')
      .notNull()
      .references(() => carePlans.id),
    name: text('name').notNull(),
    dose: text('dose').notNull(),
    route: text('route').notNull(),
    /** Local times (client's time zone), HH:MM. */
    times: text('times').array().notNull().default(sql`'{}'::text[]`),
    prn: boolean('prn').notNull().default(false),
    prnIndication: text('prn_indication'),
    instructions: text('instructions'),
    position: integer('position').notNull().default(0),
    ...bookkeeping(),
  },
  (t) => [
    index('care_plan_medications_plan_idx').on(t.carePlanId),
    check('care_plan_medications_schedule_check', sql`${t.prn} or cardinality(${t.times}) > 0`),
  ],
);

/** Every saved state of a plan, whole, so any earlier version can be shown as it was. */
export const carePlanVersions = pgTable(
  'care_plan_versions',
  {
    id: id(),
    carePlanId: uuid('care_plan_id')
      .notNull()
      .references(() => carePlans.id),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    changeSummary: text('change_summary'),
    changedBy: uuid('changed_by'),
    changedAt: tstz('changed_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('care_plan_versions_key').on(t.carePlanId, t.version)],
);
