'use client';

import type { NotificationView } from '@caretracker/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../data/api-context';
import { keys } from '../data/keys';

// The notifications screens' data, shared by the apps: the live `notification.new` events refresh
// `keys.notifications`, so the list and the unread badge follow without a reload.

const LIST = { limit: 50 };

/** The user's newest notifications, newest first. */
export function useNotifications() {
  const api = useApi();
  return useQuery<NotificationView[]>({
    queryKey: keys.notifications.list(LIST),
    queryFn: ({ signal }) => api.get<NotificationView[]>('/notifications', LIST, { signal }),
  });
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
