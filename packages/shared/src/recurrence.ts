import { z } from 'zod';
import { zonedDateTimeToUtc } from './time-zone';
import { WEEKDAYS } from './users';

export const RECURRENCE_FREQUENCIES = ['DAILY', 'WEEKDAYS', 'WEEKLY', 'MONTHLY'] as const;
/** A series reaches at most this far ahead of its first day. */
export const SERIES_MAX_DAYS = 366;
export const SERIES_MAX_OCCURRENCES = 400;

const isoDate = z.iso.date();
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

export const recurrenceSchema = z
  .strictObject({
    frequency: z.enum(RECURRENCE_FREQUENCIES),
    /** WEEKLY only: the days it falls on. */
    daysOfWeek: z.array(z.enum(WEEKDAYS)).min(1).max(7).optional(),
    /** First day of the series (local date in `timeZone`). */
    startsOn: isoDate,
    /** Either a last day or a number of occurrences. */
    until: isoDate.optional(),
    count: z.number().int().min(1).max(SERIES_MAX_OCCURRENCES).optional(),
    startTime: clock,
    durationMinutes: z
      .number()
      .int()
      .min(15)
      .max(24 * 60),
    timeZone: z.string().min(1).max(64),
  })
  .refine((r) => (r.until === undefined) !== (r.count === undefined), {
    message: 'give either until or count',
    path: ['until'],
  })
  .refine((r) => r.frequency !== 'WEEKLY' || (r.daysOfWeek?.length ?? 0) > 0, {
    message: 'weekly series need daysOfWeek',
    path: ['daysOfWeek'],
  })
  .refine((r) => r.until === undefined || r.until >= r.startsOn, {
    message: 'must not be before startsOn',
    path: ['until'],
  });
export type Recurrence = z.infer<typeof recurrenceSchema>;

export interface Occurrence {
  /** Local date of the occurrence. */
  date: string;
  start: Date;
  end: Date;
}

const DAY_INDEX: Record<(typeof WEEKDAYS)[number], number> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function lastDayOfMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** The local dates a recurrence falls on, within the one-year horizon. */
export function recurrenceDates(rule: Recurrence): string[] {
  const horizon = addDays(rule.startsOn, SERIES_MAX_DAYS - 1);
  const last = rule.until && rule.until < horizon ? rule.until : horizon;
  const limit = rule.count ?? SERIES_MAX_OCCURRENCES;
  const dates: string[] = [];
  if (rule.frequency === 'MONTHLY') {
    const [year, month, day] = rule.startsOn.split('-').map(Number) as [number, number, number];
    for (let i = 0; dates.length < limit; i++) {
      const y = year + Math.floor((month - 1 + i) / 12);
      const m = (month - 1 + i) % 12;
      // The 31st falls on the last day of shorter months.
      const d = Math.min(day, lastDayOfMonth(y, m));
      const date = `${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      if (date > last) break;
      dates.push(date);
    }
    return dates;
  }
  const days = new Set(
    rule.frequency === 'DAILY'
      ? [0, 1, 2, 3, 4, 5, 6]
      : rule.frequency === 'WEEKDAYS'
        ? [1, 2, 3, 4, 5]
        : (rule.daysOfWeek ?? []).map((day) => DAY_INDEX[day]),
  );
  for (let date = rule.startsOn; date <= last && dates.length < limit; date = addDays(date, 1)) {
    if (days.has(new Date(`${date}T00:00:00Z`).getUTCDay())) dates.push(date);
  }
  return dates;
}

/** Every occurrence of a series as UTC instants, wall-clock time kept across DST changes. */
export function expandRecurrence(rule: Recurrence): Occurrence[] {
  return recurrenceDates(rule).map((date) => {
    const start = zonedDateTimeToUtc(date, rule.startTime, rule.timeZone);
    return { date, start, end: new Date(start.getTime() + rule.durationMinutes * 60_000) };
  });
}
