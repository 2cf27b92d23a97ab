'use client';

import type { NotificationView } from '@caretracker/shared';
import {
  NOTIFICATION_DATE_FORMAT,
  NOTIFICATION_DATE_PARAMS,
  NOTIFICATION_TERM_PARAMS,
  NOTIFICATION_TIME_FORMAT,
  NOTIFICATION_TIME_PARAMS,
} from '@caretracker/shared/notification-words';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback } from 'react';

type Worded = Pick<NotificationView, 'title' | 'body' | 'messageKey' | 'messageParams'>;

/**
 * A notification's title and body in the reader's language: its message key worded by the
 * `notificationMessages` messages, times in the zone stored with it (the reader's), dates as
 * calendar dates, codes (EVV problems, vital signs, budget areas…) from `notificationMessages.terms`.
 * Rows from before keys, and keys this app does not know, show the stored text.
 */
export function useNotificationWords(): (notification: Worded) => { title: string; body: string } {
  const t = useTranslations('notificationMessages');
  const format = useFormatter();
  return useCallback(
    (notification) => {
      const key = notification.messageKey;
      if (!key || key === 'terms' || !t.has(`${key}.title`))
        return { title: notification.title, body: notification.body };
      const { timeZone, ...params } = notification.messageParams ?? {};
      const zone = typeof timeZone === 'string' ? { timeZone } : {};
      const term = (name: string, code: string) => (t.has(`terms.${name}.${code}`) ? t(`terms.${name}.${code}`) : code);
      const values: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(params)) {
        if (typeof value !== 'string') values[name] = value;
        else if (NOTIFICATION_TIME_PARAMS.has(name))
          values[name] = format.dateTime(new Date(value), { ...NOTIFICATION_TIME_FORMAT, ...zone });
        else if (NOTIFICATION_DATE_PARAMS.has(name))
          values[name] = format.dateTime(new Date(`${value}T00:00:00Z`), NOTIFICATION_DATE_FORMAT);
        else if (NOTIFICATION_TERM_PARAMS.has(name))
          values[name] = format.list(
            value.split(',').map((code) => term(name, code)),
            { type: 'conjunction' },
          );
        else values[name] = value;
      }
      return { title: t(`${key}.title`, values), body: t(`${key}.body`, values) };
    },
    [t, format],
  );
}
