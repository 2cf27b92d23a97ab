'use client';

import { SERVICE_TYPE_KEYS, type ServiceType } from '@caretracker/shared/evv';
import { useFormat } from '@caretracker/ui/i18n';
import { useFormatter, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { calendarDate, daysFromToday } from './dates';

/** The agency's zone, where the profile has none (as UserIntlProvider falls back). */
const AGENCY_TIME_ZONE = 'America/Los_Angeles';

export interface Person {
  firstName: string;
  lastName: string;
}

/**
 * Plain words for the portal: when a visit is ("Tomorrow at 9:00 AM", in the client's zone),
 * what kind of visit and where it stands, and calendar dates that no time zone moves.
 */
export function useWords() {
  const t = useTranslations('portal');
  const format = useFormat();
  const formatter = useFormatter();
  return useMemo(() => {
    const day = (iso: string) => formatter.dateTime(new Date(iso), { weekday: 'long', month: 'long', day: 'numeric' });
    return {
      format,
      /** "Today at 9:00 AM", "Tomorrow at…", "Thursday, December 3 at…". */
      when(iso: string) {
        const time = format.time(iso);
        const offset = daysFromToday(iso, format.timeZone ?? AGENCY_TIME_ZONE);
        if (offset === 0) return t('when.today', { time });
        if (offset === 1) return t('when.tomorrow', { time });
        if (offset === -1) return t('when.yesterday', { time });
        return t('when.other', { day: day(iso), time });
      },
      /** Money without ".00" when the amount is whole dollars ("$3,000"), for charts' narrow axes. */
      moneyShort: (cents: number) =>
        cents % 100 === 0
          ? formatter.number(cents / 100, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 })
          : format.money(cents),
      /** A wall-clock time from the care plan ("08:30") in the user's language ("8:30 AM"). */
      clock: (hhmm: string) => {
        const [h, m] = hhmm.split(':').map(Number);
        return formatter.dateTime(new Date(Date.UTC(2000, 0, 1, h ?? 0, m ?? 0)), {
          hour: 'numeric',
          minute: '2-digit',
          timeZone: 'UTC',
        });
      },
      until: (iso: string) => t('when.until', { time: format.time(iso) }),
      untilInline: (iso: string) => t('when.untilInline', { time: format.time(iso) }),
      time: (iso: string) => format.time(iso),
      /** A calendar date from the API (YYYY-MM-DD), e.g. "January 1, 2027". */
      calendar: (date: string) => formatter.dateTime(calendarDate(date), { dateStyle: 'long', timeZone: 'UTC' }),
      service: (type: string) =>
        (SERVICE_TYPE_KEYS as readonly string[]).includes(type)
          ? t(`service.${type as ServiceType}`)
          : t('service.other'),
      status: (status: string) =>
        t(
          `status.${status as 'SCHEDULED' | 'CONFIRMED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED' | 'NO_SHOW' | 'RESCHEDULED'}`,
        ),
      name: (person: Person | null | undefined) => (person ? `${person.firstName} ${person.lastName}` : t('someone')),
    };
  }, [t, format, formatter]);
}
