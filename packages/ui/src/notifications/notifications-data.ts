'use client';

import type { NotificationView } from '@caretracker/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from '../data/api-context';
import { keys } from '../data/keys';

// The notifications screens' data, shared by the apps: the live `notification.new` events refresh
// `keys.notifications`, so the list and the unread badge follow without a reload.

const LIST = { limit: 50 };

/**
 * The user's newest notifications, newest first, never behind the unread count: when the count
 * (the nav badge) was fetched after the list and names more unread than the list holds, the list
 * is fetched again. A live event whose list refetch came back without the new row, or a missed
 * one, would otherwise leave the badge at 1 over "No notifications" (seen once in CI).
 */
export function useNotifications() {
  const api = useApi();
  const list = useQuery<NotificationView[]>({
    queryKey: keys.notifications.list(LIST),
    queryFn: ({ signal }) => api.get<NotificationView[]>('/notifications', LIST, { signal }),
  });
  const count = useUnreadNotificationCount();
  const unreadInList = list.data?.filter((notification) => notification.readAt === null).length;
  const behind =
    count.data !== undefined &&
    unreadInList !== undefined &&
    unreadInList < LIST.limit &&
    count.data.unread > unreadInList &&
    count.dataUpdatedAt > list.dataUpdatedAt;
  const { isFetching, refetch } = list;
  useEffect(() => {
    if (behind && !isFetching) void refetch();
  }, [behind, isFetching, refetch]);
  return list;
}

/** How many notifications are unread (the nav badge, a home screen's count). */
export function useUnreadNotificationCount() {
  const api = useApi();
  return useQuery({
    queryKey: keys.notifications.unreadCount,
    queryFn: ({ signal }) => api.get<{ unread: number }>('/notifications/unread-count', undefined, { signal }),
  });
}

/** Marks one notification read (`id`) or all of them (`'all'`); the list and the count follow. */
export function useMarkNotificationsRead() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      api.request<unknown>('POST', id === 'all' ? '/notifications/read-all' : `/notifications/${id}/read`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.notifications.all }),
  });
}
