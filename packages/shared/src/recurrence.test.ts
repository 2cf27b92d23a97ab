import { describe, expect, it } from 'vitest';
import { expandRecurrence, type Recurrence, recurrenceDates, recurrenceSchema } from './recurrence';
import { zonedDateTimeToUtc } from './time-zone';

const base = { startTime: '09:00', durationMinutes: 60, timeZone: 'America/Los_Angeles' } as const;

describe('recurring series', () => {
  it('daily with a count', () => {
    expect(recurrenceDates({ ...base, frequency: 'DAILY', startsOn: '2026-03-01', count: 3 })).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
    ]);
  });

  it('weekdays skip the weekend', () => {
    // 2026-11-27 is a Friday.
    expect(recurrenceDates({ ...base, frequency: 'WEEKDAYS', startsOn: '2026-11-27', until: '2026-12-01' })).toEqual([
      '2026-11-27',
      '2026-11-30',
      '2026-12-01',
    ]);
  });

  it('weekly on chosen days', () => {
    const dates = recurrenceDates({
      ...base,
      frequency: 'WEEKLY',
      daysOfWeek: ['MON', 'THU'],
      startsOn: '2026-11-26',
      count: 4,
    });
    expect(dates).toEqual(['2026-11-26', '2026-11-30', '2026-12-03', '2026-12-07']);
  });

  it('monthly keeps the day, falling on the last day of shorter months', () => {
    expect(recurrenceDates({ ...base, frequency: 'MONTHLY', startsOn: '2026-01-31', count: 4 })).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ]);
  });

  it('never reaches more than a year ahead', () => {
    const dates = recurrenceDates({ ...base, frequency: 'DAILY', startsOn: '2026-01-01', until: '2030-01-01' });
    expect(dates.at(-1)).toBe('2027-01-01');
    expect(dates).toHaveLength(366);
  });

  it('keeps the wall-clock time across daylight-saving changes', () => {
    const rule: Recurrence = { ...base, frequency: 'DAILY', startsOn: '2026-03-07', count: 3 };
    const [before, , after] = expandRecurrence(rule);
    expect(before?.start.toISOString()).toBe('2026-03-07T17:00:00.000Z'); // PST, UTC-8
    expect(after?.start.toISOString()).toBe('2026-03-09T16:00:00.000Z'); // PDT, UTC-7
    expect(after!.end.getTime() - after!.start.getTime()).toBe(3_600_000);
  });

  it('moves a time skipped by the spring-forward jump to after it, and takes the first of a repeated time', () => {
    expect(zonedDateTimeToUtc('2026-03-08', '02:30', 'America/Los_Angeles').toISOString()).toBe(
      '2026-03-08T10:30:00.000Z',
    );
    expect(zonedDateTimeToUtc('2026-11-01', '01:30', 'America/Los_Angeles').toISOString()).toBe(
      '2026-11-01T08:30:00.000Z',
    );
    expect(zonedDateTimeToUtc('2026-07-01', '12:00', 'Europe/London').toISOString()).toBe('2026-07-01T11:00:00.000Z');
    expect(zonedDateTimeToUtc('2026-07-01', '12:00', 'UTC').toISOString()).toBe('2026-07-01T12:00:00.000Z');
  });

  it('validates: either until or count, weekly needs days, until not before start', () => {
    const ok = { ...base, frequency: 'DAILY', startsOn: '2026-03-01', count: 2 };
    expect(recurrenceSchema.safeParse(ok).success).toBe(true);
    expect(recurrenceSchema.safeParse({ ...ok, until: '2026-03-05' }).success).toBe(false);
    expect(recurrenceSchema.safeParse({ ...ok, frequency: 'WEEKLY' }).success).toBe(false);
    expect(recurrenceSchema.safeParse({ ...ok, count: undefined, until: '2026-02-01' }).success).toBe(false);
  });
});
