'use client';

import { useUnreadNotificationCount } from '@caretracker/ui/notifications/data';
import { useNavBadge } from '@caretracker/ui/shell';

/** The nav's unread badge on Notifications (live: the query follows the socket). */
export function NavUnreadBadges() {
  useNavBadge('/notifications', useUnreadNotificationCount().data?.unread);
  return null;
}
