'use client';

import { useUnreadMessages } from '@caretracker/ui/messaging/data';
import { useNavBadge } from '@caretracker/ui/shell';
import { useUnreadCount } from './worker-data';

/** The phone bar's unread badges: new messages on Chat, unread notifications on Alerts (live: the queries follow the socket). */
export function NavUnreadBadges() {
  useNavBadge('/messages', useUnreadMessages());
  useNavBadge('/notifications', useUnreadCount().data?.unread);
  return null;
}
