'use client';

import { useFormatter, useTimeZone } from 'next-intl';
import { useMemo } from 'react';

type DateInput = Date | string | number;
const toDate = (value: DateInput) => (value instanceof Date ? value : new Date(value));

/**
 * Locale- and zone-aware formatting for screens. Money is integer cents (as the API sends it);
 * dates and times are shown in the user's zone from the profile.
 */
export function useFormat() {
  const format = useFormatter();
  const timeZone = useTimeZone();
  return useMemo(
    () => ({
      timeZone,
      date: (value: DateInput) => format.dateTime(toDate(value), 'date'),
      dateLong: (value: DateInput) => format.dateTime(toDate(value), 'dateLong'),
      time: (value: DateInput) => format.dateTime(toDate(value), 'time'),
      dateTime: (value: DateInput) => format.dateTime(toDate(value), 'dateTime'),
      money: (cents: number) => format.number(cents / 100, 'money'),
      number: (value: number) => format.number(value),
      percent: (fraction: number) => format.number(fraction, 'percent'),
      relative: (value: DateInput, now?: Date) => format.relativeTime(toDate(value), now ?? new Date()),
    }),
    [format, timeZone],
  );
}
