'use client';

import { useUnreadMessages } from '@caretracker/ui/messaging/data';
import { useUnreadNotificationCount } from '@caretracker/ui/notifications/data';
import { useNavBadge } from '@caretracker/ui/shell';

/** The nav's unread badges: new messages on Messages, unread notifications on Notifications (live: the queries follow the socket). */
export function NavUnreadBadges() {
  useNavBadge('/messages', useUnreadMessages());
  useNavBadge('/notifications', useUnreadNotificationCount().data?.unread);
  return null;
}
