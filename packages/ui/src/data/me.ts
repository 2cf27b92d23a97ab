'use client';

import type { Me } from '@caretracker/shared';
import { useQuery } from '@tanstack/react-query';
import { useApi } from './api-context';
import { keys } from './keys';

/** The signed-in user (GET /auth/me). The shell loads it; screens read it from here or useSession(). */
export function useMe() {
  const api = useApi();
  return useQuery<Me>({
    queryKey: keys.me,
    queryFn: ({ signal }) => api.me({ signal }),
    staleTime: 5 * 60_000,
  });
}
