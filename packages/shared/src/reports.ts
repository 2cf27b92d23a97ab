import { z } from 'zod';
import { EVV_EXCEPTION_TYPES, EVV_REASON_CODE_KEYS, SERVICE_TYPE_KEYS } from './evv';
import { isKnownTimeZone } from './time-zone';
import { VISIT_STATUSES } from './visit-state';

/**
 * Reports and exports: query and response schemas. Every report answers JSON by default and
 * CSV or PDF on `?format=csv|pdf` or `Accept: text/csv|application/pdf`.
 */
export const REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_GROUPINGS = ['day', 'week', 'month'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];
export const BUDGET_ALERT_LEVELS = ['NONE', 'WARNING', 'CRITICAL', 'OVER'] as const;

/** The longest period one report covers, so a typo in a year cannot scan the whole table. */
export const MAX_REPORT_DAYS = 731;

const isoDate = z.iso.date();
/** Days are cut in this zone; without it, in the agency's zone (AGENCY_TIMEZONE). */
const timeZone = z.string().min(1).max(64).refine(isKnownTimeZone, 'is not a known time zone').optional();
const DAY_MS = 86_400_000;

const period = { from: isoDate, to: isoDate };

/** `from` and `to` are calendar dates, both included, at most MAX_REPORT_DAYS apart. */
function checkedPeriod<S extends z.ZodType<{ from: string; to: string }>>(schema: S) {
  return schema
    .refine((q) => q.to >= q.from, { message: 'must not be before from', path: ['to'] })
    .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS < MAX_REPORT_DAYS, {
      message: `a report covers at most ${MAX_REPORT_DAYS} days`,
      path: ['to'],
    });
}

export const visitReportQuerySchema = checkedPeriod(
  z.object({
    ...period,
    clientId: z.uuid().optional(),
    workerId: z.uuid().optional(),
    groupBy: z.enum(REPORT_GROUPINGS).default('day'),
    timeZone,
    format: z.enum(REPORT_FORMATS).optional(),
  }),
);
export type VisitReportQuery = z.output<typeof visitReportQuerySchema>;

export const timesheetQuerySchema = checkedPeriod(
  z.object({
    ...period,
    workerId: z.uuid().optional(),
    timeZone,
    format: z.enum(REPORT_FORMATS).optional(),
  }),
);
export type TimesheetQuery = z.output<typeof timesheetQuerySchema>;

export const budgetReportQuerySchema = z.object({
  clientId: z.uuid().optional(),
  /** Budgets whose period contains this date (default: today in the agency's time zone); spend is projected from it. */
  asOf: isoDate.optional(),
  format: z.enum(REPORT_FORMATS).optional(),
});
export type BudgetReportQuery = z.output<typeof budgetReportQuerySchema>;

export const evvExportQuerySchema = checkedPeriod(
  z.object({
    ...period,
    format: z.enum(['json', 'csv']).optional(),
    /** Only records changed after this sequence id (the `lastSequence` of the previous export). */
    sinceSequence: z.coerce.number().int().min(0).optional(),
  }),
);
export type EvvExportQuery = z.output<typeof evvExportQuerySchema>;

const count = z.number().int().min(0);
const rate = z.number().min(0).max(1).nullable();
const countsOf = <const T extends readonly string[]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((key) => [key, count])) as { [K in T[number]]: typeof count });

/** One group's (or the whole period's) figures. Rates are fractions 0–1, null when nothing to divide by. */
export const visitFiguresSchema = z.object({
  visits: count,
  byStatus: countsOf(VISIT_STATUSES),
  /** Cancelled less than 24 hours before the scheduled start. */
  cancelledLate: count,
  /** completed ÷ (completed + no-shows + late cancellations). */
  completionRate: rate,
  checkedIn: count,
  /** Checked in within the EVV tolerance of the scheduled start. */
  onTime: count,
  /** onTime ÷ checkedIn. */
  onTimeRate: rate,
  /** Mean of actual end − actual start over completed visits, in minutes (one decimal). */
  averageActualMinutes: z.number().nullable(),
  evvExceptions: z.object({ total: count, byType: countsOf(EVV_EXCEPTION_TYPES) }),
  refusedDoses: count,
});
export type VisitFigures = z.infer<typeof visitFiguresSchema>;

export const visitReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  groupBy: z.enum(REPORT_GROUPINGS),
  clientId: z.uuid().nullable(),
  workerId: z.uuid().nullable(),
  toleranceMinutes: z.number().int(),
  /** Each group starts on `period` (YYYY-MM-DD; weeks start on Monday); only groups with visits appear. */
  groups: z.array(visitFiguresSchema.extend({ period: z.string() })),
  total: visitFiguresSchema,
});
export type VisitReport = z.infer<typeof visitReportSchema>;

const hours = z.number().min(0);
export const timesheetReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  workerId: z.uuid().nullable(),
  workers: z.array(
    z.object({
      workerId: z.uuid(),
      workerName: z.string(),
      /** Completed visits by the local date their actual start fell on. */
      days: z.array(z.object({ date: z.string(), visits: count, minutes: count, hours })),
      /** ISO weeks (Monday first). */
      weeks: z.array(z.object({ weekStart: z.string(), visits: count, minutes: count, hours })),
      totalVisits: count,
      totalMinutes: count,
      totalHours: hours,
    }),
  ),
  totals: z.object({ visits: count, minutes: count, hours }),
});
export type TimesheetReport = z.infer<typeof timesheetReportSchema>;

const cents = z.number().int();
const level = z.enum(BUDGET_ALERT_LEVELS);
export const budgetReportSchema = z.object({
  asOf: z.string(),
  clientId: z.uuid().nullable(),
  budgets: z.array(
    z.object({
      budgetId: z.uuid(),
      clientId: z.uuid(),
      clientName: z.string(),
      periodType: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      totalCents: cents,
      /** Approved expenses. */
      spentCents: cents,
      /** Expenses waiting for approval. */
      pendingCents: cents,
      /** Booked, not yet completed visits in the period: scheduled minutes × rate. */
      committedCents: cents,
      /** total − spent − pending. */
      remainingCents: cents,
      /** (spent + pending) ÷ total, in percent (one decimal); the thresholds compare the same sum. */
      utilizationPct: z.number().nullable(),
      /** round(spent ÷ elapsed days × period days) + committed. */
      forecastCents: cents,
      forecastPct: z.number().nullable(),
      warningThresholdPct: z.number().int(),
      criticalThresholdPct: z.number().int(),
      level,
      categories: z.array(
        z.object({
          category: z.string(),
          allocatedCents: cents,
          spentCents: cents,
          pendingCents: cents,
          committedCents: cents,
          remainingCents: cents,
          utilizationPct: z.number().nullable(),
          forecastCents: cents,
          level,
        }),
      ),
    }),
  ),
  /** Budgets (category null) and categories at or above their warning threshold. */
  overThreshold: z.array(
    z.object({
      budgetId: z.uuid(),
      clientId: z.uuid(),
      clientName: z.string(),
      category: z.string().nullable(),
      utilizationPct: z.number().nullable(),
      level,
    }),
  ),
  totals: z.object({ totalCents: cents, spentCents: cents, committedCents: cents, forecastCents: cents }),
});
export type BudgetReport = z.infer<typeof budgetReportSchema>;

/** One call in or out, as state aggregators take them: UTC time, GPS, coordinates. */
export const evvCallRecordSchema = z.object({
  direction: z.enum(['IN', 'OUT']),
  callType: z.literal('GPS'),
  at: z.string(),
  lat: z.number(),
  lng: z.number(),
  accuracyM: z.number().nullable(),
  distanceM: z.number().nullable(),
});

/** The six 21st Century Cures Act elements of one visit, its calls and its changes with reason codes. */
export const evvRecordSchema = z.object({
  /** The visit's EVV sequence: larger every time the visit changes. */
  sequenceId: z.number().int(),
  visitId: z.uuid(),
  recordCreatedAt: z.string(),
  status: z.enum(VISIT_STATUSES),
  service: z.object({
    type: z.enum(SERVICE_TYPE_KEYS),
    procedureCode: z.string(),
    modifiers: z.array(z.string()),
  }),
  client: z.object({
    id: z.uuid(),
    medicalRecordNumber: z.string().nullable(),
    firstName: z.string(),
    lastName: z.string(),
  }),
  worker: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }).nullable(),
  /** The date of service in the client's time zone. */
  serviceDate: z.string(),
  timeZone: z.string(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  scheduledStart: z.string(),
  scheduledEnd: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  calls: z.array(evvCallRecordSchema),
  changes: z.array(
    z.object({
      source: z.enum(['AMENDMENT', 'EXCEPTION']),
      /** The amended field, or the exception type. */
      subject: z.string(),
      reasonCode: z.enum(EVV_REASON_CODE_KEYS).or(z.string()),
      at: z.string(),
      by: z.uuid().nullable(),
    }),
  ),
});
export type EvvRecord = z.infer<typeof evvRecordSchema>;

export const evvExportSchema = z.object({
  generatedAt: z.string(),
  from: z.string(),
  to: z.string(),
  sinceSequence: z.number().int().nullable(),
  /** Pass this as `sinceSequence` next time to receive only what changed. */
  lastSequence: z.number().int().nullable(),
  count,
  records: z.array(evvRecordSchema),
});
export type EvvExport = z.infer<typeof evvExportSchema>;
