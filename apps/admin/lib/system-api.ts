'use client';

import type { SystemView } from '@caretracker/shared/system';
import { useApi } from '@caretracker/ui/data';
import { useQuery } from '@tanstack/react-query';

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
