import { z } from 'zod';
import { emergencySummarySchema } from './emergencies';
import { VISIT_EVENT_TYPES } from './realtime';
import { VISIT_STATUSES, type VisitStatus } from './visit-state';

/**
 * The office's screens (admin dashboard: admins, and supervisors limited to their team): the
 * overview, the visit list and the scheduling board. Each answers one request with the screen's
 * main content.
 */

/** A visit not yet started may be waiting for its start, late or missed; defined once, used by every screen. */
export const VISIT_ATTENTION = ['UPCOMING', 'LATE', 'MISSED'] as const;
export type VisitAttention = (typeof VISIT_ATTENTION)[number];
/** Statuses of a visit nobody has checked in to yet. */
export const AWAITING_STATUSES: readonly VisitStatus[] = ['SCHEDULED', 'CONFIRMED'];

/**
 * Where a visit stands at `now` with the EVV tolerance:
 * - UPCOMING: SCHEDULED or CONFIRMED, not checked in, and its start plus the tolerance has not passed;
 * - LATE: SCHEDULED or CONFIRMED, not checked in, start + tolerance passed, the scheduled end not yet;
 * - MISSED: NO_SHOW, or SCHEDULED/CONFIRMED never checked in whose scheduled end has passed.
 * Other visits (under way, completed, cancelled, rescheduled) need no such flag: null.
 */
export function visitAttention(
  visit: { status: VisitStatus; checkInAt: Date | null; scheduledStart: Date; scheduledEnd: Date },
  now: Date,
  toleranceMinutes: number,
): VisitAttention | null {
  if (visit.status === 'NO_SHOW') return 'MISSED';
  if (!AWAITING_STATUSES.includes(visit.status) || visit.checkInAt) return null;
  if (visit.scheduledEnd.getTime() <= now.getTime()) return 'MISSED';
  if (visit.scheduledStart.getTime() + toleranceMinutes * 60_000 <= now.getTime()) return 'LATE';
  return 'UPCOMING';
}

const instant = z.iso.datetime({ offset: true });
const person = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() });
/** `a,b,c` in a query string, each checked against the list. */
const csvOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((value) => value.split(',').map((item) => item.trim()))
    .pipe(z.array(z.enum(values)).min(1));

/** The longest range one list request covers. */
export const OFFICE_LIST_MAX_DAYS = 366;
/** A capped count stops at this many rows ("1,000+"). */
export const OFFICE_COUNT_CAP = 1000;

// ── Visit list ───────────────────────────────────────────────────────────────────────────────

export const officeVisitsQuerySchema = z
  .object({
    /** Visits whose scheduled start falls in [from, to); both required unless `exceptions=open`. */
    from: instant.optional(),
    to: instant.optional(),
    status: csvOf(VISIT_STATUSES).optional(),
    attention: z.enum(VISIT_ATTENTION).optional(),
    workerId: z.uuid().optional(),
    clientId: z.uuid().optional(),
    /** `true`: visits with no worker yet. */
    unassigned: z.enum(['true']).optional(),
    /** `open`: visits with an EVV exception waiting; `any`: with any EVV exception. */
    exceptions: z.enum(['open', 'any']).optional(),
    /** `refused`: visits where a dose was recorded as refused or not given. */
    doses: z.enum(['refused']).optional(),
    /** By scheduled start, earliest (`start`) or latest (`-start`) first; ties by id. */
    sort: z.enum(['start', '-start']).default('start'),
    /** `nextCursor` of the previous page. */
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => q.exceptions === 'open' || (q.from !== undefined && q.to !== undefined), {
    message: 'from and to are required (except with exceptions=open)',
    path: ['from'],
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) > Date.parse(q.from), {
    message: 'must be after from',
    path: ['to'],
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= OFFICE_LIST_MAX_DAYS * 86_400_000, {
    message: `a list covers at most ${OFFICE_LIST_MAX_DAYS} days`,
    path: ['to'],
  });
export type OfficeVisitsQuery = z.output<typeof officeVisitsQuerySchema>;

/** A row of the office's visit list: what the table shows, no notes, signatures or vitals. */
export const officeVisitItemSchema = z.object({
  id: z.uuid(),
  status: z.enum(VISIT_STATUSES),
  attention: z.enum(VISIT_ATTENTION).nullable(),
  serviceType: z.string(),
  scheduledStart: z.string(),
  scheduledEnd: z.string(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  client: person,
  worker: person.nullable(),
  seriesId: z.uuid().nullable(),
  /** EVV exceptions of the visit: waiting for a reason code, and in all. */
  openExceptions: z.number().int(),
  exceptions: z.number().int(),
  /** Doses recorded as refused or not given. */
  refusedDoses: z.number().int(),
  checkInDistanceM: z.number().nullable(),
  reviewOutcome: z.enum(['APPROVED', 'NEEDS_FOLLOW_UP']).nullable(),
  followUpRequired: z.boolean(),
  noShowReason: z.string().nullable(),
  version: z.number().int(),
});
export type OfficeVisitItem = z.infer<typeof officeVisitItemSchema>;

export const keysetPageSchema = z.object({
  limit: z.number().int(),
  hasMore: z.boolean(),
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: z.string().nullable(),
  /** Rows matching the filters, counted up to OFFICE_COUNT_CAP (`capped`: there are at least that many). */
  count: z.object({ value: z.number().int(), capped: z.boolean() }),
});

export const officeVisitsAnswerSchema = z.object({
  success: z.literal(true),
  data: z.array(officeVisitItemSchema),
  page: keysetPageSchema,
  /** The instant LATE / MISSED / UPCOMING were judged at. */
  asOf: z.string(),
});

// ── Overview ─────────────────────────────────────────────────────────────────────────────────

/** The list request that shows the rows a tile counts: `GET {path}?{query}` answers `count` rows. */
export const listFilterSchema = z.object({ path: z.string(), query: z.record(z.string(), z.string()) });
export type ListFilter = z.infer<typeof listFilterSchema>;
export const tileSchema = z.object({ count: z.number().int(), filter: listFilterSchema });
export type Tile = z.infer<typeof tileSchema>;

/** Live events after which the overview is worth fetching again. */
export const OVERVIEW_LIVE_EVENTS = [
  ...VISIT_EVENT_TYPES,
  'emergency.alert',
  'budget.alert',
  'careplan.review_due',
  'notification.new',
] as const;

export const overviewSchema = z.object({
  asOf: z.string(),
  /** ADMIN: the whole agency; TEAM: the supervisor's team. */
  scope: z.enum(['AGENCY', 'TEAM']),
  timeZone: z.string(),
  /** Today in the agency's time zone: [start, end). */
  day: z.object({ date: z.string(), start: z.string(), end: z.string() }),
  toleranceMinutes: z.number().int(),
  /** Today's visits (scheduled start today) by where they stand. */
  visits: z.object({
    total: z.number().int(),
    upcoming: tileSchema,
    inProgress: tileSchema,
    late: tileSchema,
    missed: tileSchema,
    completed: tileSchema,
    cancelled: tileSchema,
  }),
  /** Visits (of any date) with an EVV exception waiting; `exceptions` counts the exceptions. */
  evvExceptions: tileSchema.extend({ exceptions: z.number().int() }),
  emergencies: z.object({
    open: tileSchema,
    acknowledged: tileSchema,
    /** The newest unacknowledged alerts, for the banner (at most 5). */
    latestOpen: z.array(emergencySummarySchema),
  }),
  /** Today's visits with a dose recorded refused or not given; `refused` and `notGiven` count the doses. */
  doses: tileSchema.extend({ refused: z.number().int(), notGiven: z.number().int() }),
  /** Active budgets covering today whose total or a category has reached its warning threshold. */
  budgets: z.object({ overThreshold: tileSchema, critical: z.number().int() }),
  carePlanReviews: z.object({ overdue: tileSchema, dueSoon: tileSchema, dueSoonDays: z.number().int() }),
  /** Budgets with expenses waiting for approval; `expenses` of them in all, worth `amountCents`. */
  expenses: tileSchema.extend({ expenses: z.number().int(), amountCents: z.number().int() }),
  /** Admins only (null for supervisors): failed background job runs kept by the runner. */
  failedJobs: tileSchema.nullable(),
  liveEvents: z.array(z.enum(OVERVIEW_LIVE_EVENTS)),
});
export type Overview = z.infer<typeof overviewSchema>;
