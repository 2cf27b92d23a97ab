'use client';

import type { SystemView } from '@caretracker/shared/system';
import { useApi } from '@caretracker/ui/data';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

// The admin's system screen: GET /admin/system in one request, checked again every 30 seconds.

export const systemKey = ['admin', 'system'] as const;

export function useSystem(enabled: boolean) {
  const api = useApi();
  return useQuery<SystemView>({
    queryKey: systemKey,
    queryFn: ({ signal }) => api.get<SystemView>('/admin/system', undefined, { signal }),
    refetchInterval: 30_000,
    enabled,
  });
}

/** Runs a failed job again (`POST /admin/jobs/:queue/:id/retry`), then reads the system view afresh. */
export function useRetryJob() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ queue, id }: { queue: string; id: string }) =>
      api.request('POST', `/admin/jobs/${encodeURIComponent(queue)}/${encodeURIComponent(id)}/retry`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: systemKey }),
  });
}
