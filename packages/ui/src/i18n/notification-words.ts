'use client';

import type { NotificationView } from '@caretracker/shared';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback } from 'react';

/** Values of a message that are instants (ISO 8601), written as the reader says a time. */
const TIME_PARAMS = new Set(['start']);
const TIME_FORMAT = { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' } as const;

type Worded = Pick<NotificationView, 'title' | 'body' | 'messageKey' | 'messageParams'>;

/**
 * A notification's title and body in the reader's language: its message key worded by the
 * `notificationMessages` messages, times in the zone stored with it (the reader's). Rows from
 * before keys, and keys this app does not know, show the stored text.
 */
export function useNotificationWords(): (notification: Worded) => { title: string; body: string } {
  const t = useTranslations('notificationMessages');
  const format = useFormatter();
  return useCallback(
    (notification) => {
      const key = notification.messageKey;
      if (!key || !t.has(`${key}.title`)) return { title: notification.title, body: notification.body };
      const { timeZone, ...params } = notification.messageParams ?? {};
      const zone = typeof timeZone === 'string' ? { timeZone } : {};
      const values: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(params)) {
        values[name] =
          TIME_PARAMS.has(name) && typeof value === 'string'
            ? format.dateTime(new Date(value), { ...TIME_FORMAT, ...zone })
            : value;
      }
      return { title: t(`${key}.title`, values), body: t(`${key}.body`, values) };
    },
    [t, format],
  );
}
