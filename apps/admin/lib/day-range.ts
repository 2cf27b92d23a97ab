import { dateInZone } from '@caretracker/ui/components';
import { type CalendarDate, parseDate, toZoned } from '@internationalized/date';

// The office's lists filter by calendar days in the agency's zone; the API takes instants. One rule
// for every list: a range runs from the start of its first day to the start of the day after its last.

/** The start of a calendar day in a zone, as the API's instant. */
export function startOfDay(day: CalendarDate, timeZone: string): string {
  return toZoned(day, timeZone).toDate().toISOString();
}

/** `from`/`to` for the API: the last day is included (the range stops where the next day starts). */
export function dayRangeQuery(
  from: CalendarDate | null,
  to: CalendarDate | null,
  timeZone: string,
): { from?: string; to?: string } {
  return {
    ...(from ? { from: startOfDay(from, timeZone) } : {}),
    ...(to ? { to: startOfDay(to.add({ days: 1 }), timeZone) } : {}),
  };
}

/**
 * A `from`/`to` in the address: a date (`2026-12-01`) or an instant (the overview's tiles send
 * instants); anything else is no day. An end instant at midnight closes the day before it.
 */
export function dayFromAddress(value: string | null, timeZone: string, isEnd: boolean): CalendarDate | null {
  if (!value) return null;
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return parseDate(value);
    const day = dateInZone(value, timeZone);
    return isEnd && startOfDay(day, timeZone) === new Date(value).toISOString() ? day.subtract({ days: 1 }) : day;
  } catch {
    return null;
  }
}
