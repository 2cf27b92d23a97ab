'use client';

import { LoadingState } from '@caretracker/ui/components';
import type { NotificationHref } from '@caretracker/ui/notifications';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';

// The shared notifications screen loads after the frame (initial JS budget); the server still renders it in full.
const SharedNotificationsScreen = dynamic(
  () => import('@caretracker/ui/notifications').then((m) => m.NotificationsScreen),
  {
    loading: () => (
      <div aria-busy="true">
        <LoadingState lines={4} />
      </div>
    ),
  },
);

/** Where a notification leads in the portal: the visit, the conversation, the budget or the care plan. */
export const portalNotificationHref: NotificationHref = ({ entityType, entityId }) => {
  if (entityType === 'visit' && entityId) return `/visits/${entityId}`;
  if (entityType === 'conversation' && entityId) return `/messages?c=${entityId}`;
  if (entityType === 'budget') return '/budget';
  if (entityType === 'care_plan') return '/care-plan';
  return null;
};

/** `/notifications`: the client's notifications (the shared screen), each opening what it is about. */
export function NotificationsScreen() {
  const t = useTranslations('portal.notifications');
  return <SharedNotificationsScreen hrefFor={portalNotificationHref} emptyBody={t('emptyBody')} />;
}
