'use client';

import { NotificationsScreen as SharedNotificationsScreen } from '@caretracker/ui/notifications';
import { useTranslations } from 'next-intl';
import { notificationHref } from '@/lib/worker-data';

/** The worker's notifications (the shared screen): visits and conversations open from here. */
export function NotificationsScreen() {
  const t = useTranslations('notifications');
  return <SharedNotificationsScreen hrefFor={notificationHref} emptyBody={t('emptyBody')} />;
}
