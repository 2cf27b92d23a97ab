/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone. */
export function dayIn(instant: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}

/** Whole days from today to the instant's day, in the zone: 0 today, 1 tomorrow, -1 yesterday. */
export function daysFromToday(instant: Date | string, timeZone: string, now = new Date()): number {
  const a = Date.parse(`${dayIn(instant, timeZone)}T00:00:00Z`);
  const b = Date.parse(`${dayIn(now, timeZone)}T00:00:00Z`);
  return Math.round((a - b) / 86_400_000);
}

/** A calendar date from the API (YYYY-MM-DD) as a Date to format in UTC, so no zone moves its day. */
export const calendarDate = (date: string) => new Date(`${date}T00:00:00Z`);
