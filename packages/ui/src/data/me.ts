'use client';

import type { Me } from '@caretracker/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from './api-context';
import { keys } from './keys';
import { recallMe, rememberMe } from './remembered-me';

export interface UseMeOptions {
  /**
   * The shell's: start from the user this tab remembers (remembered-me.ts) when it was loaded or
   * the user was active within `maxAgeMs`, while /auth/me checks it.
   */
  recall?: { maxAgeMs: number; activeAt: () => number };
}

/** The signed-in user (GET /auth/me). The shell loads it; screens read it from here or useSession(). */
export function useMe({ recall }: UseMeOptions = {}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const query = useQuery<Me>({
    queryKey: keys.me,
    queryFn: async ({ signal }) => {
      const me = await api.me({ signal });
      rememberMe(me);
      return me;
    },
    staleTime: 5 * 60_000,
  });
  const maxAgeMs = recall?.maxAgeMs;
  const activeAt = recall?.activeAt;
  useEffect(() => {
    // After hydration (the server drew the loading state), beside the fetch the query has begun;
    // dated 0, so it never counts as fresh: shown while /auth/me is asked, never instead of it.
    if (maxAgeMs === undefined || !activeAt || queryClient.getQueryData(keys.me)) return;
    const remembered = recallMe(maxAgeMs, activeAt());
    if (remembered) queryClient.setQueryData(keys.me, remembered, { updatedAt: 0 });
  }, [queryClient, maxAgeMs, activeAt]);
  return query;
}
