import { type CalendarDate, parseAbsolute, toCalendarDate, today, type ZonedDateTime } from '@internationalized/date';

/**
 * Instants from the API (ISO strings in UTC) as wall-clock values in a chosen zone, and back:
 * a visit at 09:00 in Portland is 09:00 America/Los_Angeles in the picker on any device.
 */
export function zonedFromIso(iso: string, timeZone: string): ZonedDateTime {
  return parseAbsolute(iso, timeZone);
}

/** The instant a zoned picker value stands for, as the API wants it (ISO 8601, UTC). */
export function isoFromZoned(value: ZonedDateTime): string {
  return value.toDate().toISOString();
}

/** The calendar day an instant falls on in a zone. */
export function dateInZone(iso: string, timeZone: string): CalendarDate {
  return toCalendarDate(parseAbsolute(iso, timeZone));
}

/** Today in a zone (not the device's). */
export function todayIn(timeZone: string): CalendarDate {
  return today(timeZone);
}
