'use client';

import { useUnreadMessages } from '@caretracker/ui/messaging/data';
import { useUnreadNotificationCount } from '@caretracker/ui/notifications/data';
import { useNavBadge } from '@caretracker/ui/shell';

/** The phone bar's unread badges: new messages on Chat, unread notifications on Alerts (live: the queries follow the socket). */
export function NavUnreadBadges() {
  useNavBadge('/messages', useUnreadMessages());
  useNavBadge('/notifications', useUnreadNotificationCount().data?.unread);
  return null;
}
