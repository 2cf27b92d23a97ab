'use client';

import { ApiError, useErrorMessage } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { useTranslations } from 'next-intl';
import { fullName } from '@/lib/vocabulary';

/** The 409 of a booking that meets another of the worker's visits, in plain words. */
export function useClashMessage() {
  const t = useTranslations('schedule.move');
  const format = useFormat();
  const describe = useErrorMessage();
  return (error: unknown, workerName: string, action: 'move' | 'book' = 'move'): string => {
    if (error instanceof ApiError && error.status === 409) {
      const details = (error.details ?? {}) as {
        scheduledStart?: string;
        scheduledEnd?: string;
        client?: { firstName: string; lastName: string } | null;
      };
      if (details.scheduledStart && details.scheduledEnd) {
        return t(action === 'book' ? 'clashBooking' : 'clash', {
          worker: workerName || t('theWorker'),
          client: details.client ? fullName(details.client) : t('anotherClient'),
          date: format.dateLong(details.scheduledStart),
          start: format.time(details.scheduledStart),
          end: format.time(details.scheduledEnd),
        });
      }
      return t('changedMeanwhile', { reason: describe(error) });
    }
    return describe(error);
  };
}
