/** Whether the runtime knows an IANA time zone name (e.g. America/Los_Angeles). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Offset of a time zone from UTC at an instant, in minutes (e.g. -420 for Los Angeles in summer). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time on a date has in a time zone. A time skipped by a DST jump is
 * moved forward by the jump; a repeated one takes its first occurrence.
 */
export function zonedDateTimeToUtc(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const candidate = (guess: number) => wall - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  const first = candidate(wall);
  const second = candidate(first);
  const exact = [first, second].filter((instant) => candidate(instant) === instant);
  // No exact instant: the wall time falls in a spring-forward gap, so take the later reading.
  return new Date(exact.length > 0 ? Math.min(...exact) : Math.max(first, second));
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

/** The instants one calendar date spans in a time zone: [local midnight, next local midnight). */
export function dayBoundsInZone(date: string, timeZone: string): { start: Date; end: Date } {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return {
    start: zonedDateTimeToUtc(date, '00:00', timeZone),
    end: zonedDateTimeToUtc(next.toISOString().slice(0, 10), '00:00', timeZone),
  };
}
