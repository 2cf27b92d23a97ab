import { cleanup, render, screen } from '@testing-library/react';
import { NextIntlClientProvider } from 'next-intl';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isoFromZoned, zonedFromIso } from '../components/zoned-time';
import { formats } from './formats';
import en from './messages/en.json';
import es from './messages/es.json';
import { useFormat } from './use-format';
import { UserIntlProvider } from './user-intl-provider';

// A visit booked for 09:00 in Portland (17:00 UTC in winter), seen on a device set to Tokyo.
const VISIT = '2026-12-01T17:00:00.000Z';

beforeAll(() => {
  process.env.TZ = 'Asia/Tokyo';
});
afterEach(cleanup);

function VisitTime() {
  const format = useFormat();
  return (
    <p>
      {format.time(VISIT)} · {format.date(VISIT)} · {format.money(12_550)}
    </p>
  );
}

function renderFor(locale: 'en' | 'es', profileZone: string | null) {
  render(
    <NextIntlClientProvider locale={locale} messages={locale === 'en' ? en : es} formats={formats} timeZone="UTC">
      <UserIntlProvider timeZone={profileZone}>
        <VisitTime />
      </UserIntlProvider>
    </NextIntlClientProvider>,
  );
}

describe('dates, times and money in the user’s zone and language', () => {
  it('reads 09:00 for a Portland visit whatever the device zone is', () => {
    expect(new Date(VISIT).getHours()).toBe(2); // the device (Tokyo) would say 02:00 the next day
    renderFor('en', 'America/Los_Angeles');
    expect(screen.getByText(/9:00\sAM · Dec 1, 2026 · \$125\.50/)).toBeTruthy();
  });

  it('uses the agency zone until the profile names one, and the language’s own formats', () => {
    renderFor('es', null);
    expect(screen.getByText(/9:00 · 1 dic 2026 · 125,50\sUS\$/)).toBeTruthy();
  });

  it('turns API instants into picker values in a zone and back', () => {
    const zoned = zonedFromIso(VISIT, 'America/Los_Angeles');
    expect([zoned.hour, zoned.minute, zoned.day]).toEqual([9, 0, 1]);
    expect(isoFromZoned(zoned.set({ hour: 10 }))).toBe('2026-12-01T18:00:00.000Z');
  });
});
