import { describe, expect, it } from 'vitest';
import { clientTimeZone, dueInstants } from './due-doses';

const at = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('dueInstants', () => {
  it('keeps the local times inside the window, bounds included', () => {
    // 08:00–10:00 in Los Angeles on a summer day is 15:00–17:00 UTC.
    const due = dueInstants(
      ['07:59', '08:00', '09:30', '10:00', '10:01'],
      at('2026-07-01T15:00:00Z'),
      at('2026-07-01T17:00:00Z'),
      'America/Los_Angeles',
    );
    expect(iso(due)).toEqual(['2026-07-01T15:00:00.000Z', '2026-07-01T16:30:00.000Z', '2026-07-01T17:00:00.000Z']);
  });

  it('reads the times in the client’s zone, with its daylight saving offset', () => {
    const winter = dueInstants(['09:00'], at('2026-01-15T00:00:00Z'), at('2026-01-15T23:00:00Z'), 'America/New_York');
    expect(iso(winter)).toEqual(['2026-01-15T14:00:00.000Z']);
    const summer = dueInstants(['09:00'], at('2026-07-15T00:00:00Z'), at('2026-07-15T23:00:00Z'), 'America/New_York');
    expect(iso(summer)).toEqual(['2026-07-15T13:00:00.000Z']);
  });

  it('finds the doses of both days for a visit across local midnight', () => {
    // 22:00 on 1 July to 02:00 on 2 July in Los Angeles.
    const due = dueInstants(
      ['23:00', '01:00', '12:00'],
      at('2026-07-02T05:00:00Z'),
      at('2026-07-02T09:00:00Z'),
      'America/Los_Angeles',
    );
    expect(iso(due)).toEqual(['2026-07-02T06:00:00.000Z', '2026-07-02T08:00:00.000Z']);
  });

  it('has no doses when no time falls in the window', () => {
    expect(
      dueInstants(['12:00'], at('2026-07-01T15:00:00Z'), at('2026-07-01T17:00:00Z'), 'America/Los_Angeles'),
    ).toEqual([]);
  });
});

describe('clientTimeZone', () => {
  it('falls back to the agency default for a missing or unknown zone', () => {
    expect(clientTimeZone(null)).toBe('America/Los_Angeles');
    expect(clientTimeZone('Mars/Olympus')).toBe('America/Los_Angeles');
    expect(clientTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
  });
});
