import { DEFAULT_CLIENT_TIME_ZONE, dateInZone, zonedDateTimeToUtc } from '@caretracker/shared';

/** The client's zone if it is one the runtime knows; otherwise the agency default. */
export function clientTimeZone(profileZone: string | null | undefined): string {
  if (!profileZone) return DEFAULT_CLIENT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: profileZone });
    return profileZone;
  } catch {
    return DEFAULT_CLIENT_TIME_ZONE;
  }
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Local calendar dates a window touches in a zone (a visit lasts at most a day, so two or three). */
function localDates(start: Date, end: Date, timeZone: string): string[] {
  const last = dateInZone(end, timeZone);
  const dates: string[] = [];
  for (let date = dateInZone(start, timeZone); date <= last && dates.length < 4; date = nextDate(date)) {
    dates.push(date);
  }
  return dates;
}

/**
 * The instants at which local HH:MM dose times fall within [start, end], inclusive, in
 * ascending order. Each local date the window touches is tried, so a visit across midnight
 * gets the doses of both days.
 */
export function dueInstants(times: readonly string[], start: Date, end: Date, timeZone: string): Date[] {
  const found = new Set<number>();
  for (const date of localDates(start, end, timeZone)) {
    for (const time of times) {
      const instant = zonedDateTimeToUtc(date, time, timeZone).getTime();
      if (instant >= start.getTime() && instant <= end.getTime()) found.add(instant);
    }
  }
  return [...found].sort((a, b) => a - b).map((ms) => new Date(ms));
}
