import { z } from 'zod';
import { officeVisitItemSchema } from './office';

/** The scheduling board: a day or a week of visits, one lane per worker and one for unassigned visits. */
export const SCHEDULE_BOARD_MAX_DAYS = 14;

export const scheduleBoardQuerySchema = z.object({
  /** First day shown, in the agency's time zone (YYYY-MM-DD). */
  from: z.iso.date(),
  /** 1 for the day view, 7 for the week view (at most SCHEDULE_BOARD_MAX_DAYS). */
  days: z.coerce.number().int().min(1).max(SCHEDULE_BOARD_MAX_DAYS).default(7),
  /** Admins: one supervisor's team only. */
  supervisorId: z.uuid().optional(),
  /** `true`: cancelled and rescheduled visits too (greyed out on the board). */
  includeCancelled: z.enum(['true', 'false']).default('false'),
});
export type ScheduleBoardQuery = z.output<typeof scheduleBoardQuerySchema>;

const availabilitySlotSchema = z.object({
  day: z.enum(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']),
  start: z.string(),
  end: z.string(),
});

export const boardLaneSchema = z.object({
  worker: z.object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    isActive: z.boolean(),
    /** Whether the caller manages this worker; skills and availability are shown only then. */
    inTeam: z.boolean(),
    skills: z.array(z.string()).nullable(),
    /** Weekly availability, wall-clock times in `timeZone`. */
    availability: z.array(availabilitySlotSchema).nullable(),
    timeZone: z.string().nullable(),
  }),
  /** The worker's visits in the range, earliest first. */
  visits: z.array(officeVisitItemSchema),
  /** Scheduled minutes of the lane's booked visits in the range. */
  bookedMinutes: z.number().int(),
});

export const scheduleBoardSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  range: z.object({ start: z.string(), end: z.string() }),
  asOf: z.string(),
  toleranceMinutes: z.number().int(),
  lanes: z.array(boardLaneSchema),
  unassigned: z.array(officeVisitItemSchema),
  /** More visits matched than one board shows (5,000): narrow to a team or a day. */
  truncated: z.boolean(),
});
export type ScheduleBoard = z.infer<typeof scheduleBoardSchema>;
