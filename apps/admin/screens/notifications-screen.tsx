'use client';

import { type NotificationHref, NotificationsScreen } from '@caretracker/ui/notifications';
import { useTranslations } from 'next-intl';

/** Where a notification leads in the admin dashboard: the record it is about, or nowhere. */
export const adminNotificationHref: NotificationHref = ({ entityType, entityId }) => {
  if (!entityId) return null;
  switch (entityType) {
    case 'emergency_alert':
      return `/emergencies/${entityId}`;
    case 'visit':
      return `/visits/${entityId}`;
    case 'client':
      return `/clients/${entityId}`;
    case 'user':
      return `/people/${entityId}`;
    case 'care_plan':
      return `/care-plans/${entityId}`;
    case 'budget':
      return `/budgets/${entityId}`;
    case 'conversation':
      return `/messages?c=${entityId}`;
    default:
      return null;
  }
};

/** `/notifications`: what needs the office's attention, newest first, each opening its record. */
export function AdminNotificationsScreen() {
  const t = useTranslations('inbox');
  return <NotificationsScreen hrefFor={adminNotificationHref} emptyBody={t('notificationsEmpty')} />;
}
