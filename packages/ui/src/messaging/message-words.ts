'use client';

import { dateInZone } from '@caretracker/shared/time-zone';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { useFormat } from '../i18n/use-format';

/** The agency's zone, where the profile has none (as UserIntlProvider falls back). */
const AGENCY_TIME_ZONE = 'America/Los_Angeles';
const DAY_MS = 86_400_000;

export interface Person {
  firstName: string;
  lastName: string;
}

/** When a message was written, in the reader's zone and language: "Today at 9:05 AM", "Monday, December 1 at…". */
export function useMessageWords() {
  const t = useTranslations('messaging');
  const format = useFormat();
  return useMemo(() => {
    const zone = format.timeZone ?? AGENCY_TIME_ZONE;
    return {
      when(iso: string) {
        const time = format.time(iso);
        const day = dateInZone(new Date(iso), zone);
        const today = dateInZone(new Date(), zone);
        const offset = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / DAY_MS);
        if (offset === 0) return t('when.today', { time });
        if (offset === 1) return t('when.yesterday', { time });
        return t('when.other', { day: format.dateLong(iso), time });
      },
      name: (person: Person | null | undefined) => (person ? `${person.firstName} ${person.lastName}` : t('someone')),
    };
  }, [t, format]);
}
