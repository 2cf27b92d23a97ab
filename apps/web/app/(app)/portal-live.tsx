'use client';

import type { RealtimeEvent } from '@caretracker/shared';
import { useApi } from '@caretracker/ui/data';
import { useLiveUpdates } from '@caretracker/ui/live';
import { useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { createContext, type ReactNode, useCallback, useContext } from 'react';
import { homeKey } from '@/lib/portal-data';

// The nav's unread badge loads after the frame (initial JS budget); it needs the browser's session.
const NavUnreadBadges = dynamic(() => import('@/lib/nav-unread').then((m) => m.NavUnreadBadges), { ssr: false });

/** Whether live updates are flowing (both channels connected): the home says "updates by itself". */
const LiveContext = createContext(false);
export const useIsLive = () => useContext(LiveContext);

const wsUrl = (apiUrl: string) => apiUrl.replace(/^http/, 'ws');

/**
 * Keeps the portal's queries live through the shared hook: a worker's check-in or check-out,
 * a cancellation or a new message refreshes exactly what it changes. The home also counts
 * unread messages and shows the budget, so those events refresh it too.
 */
export function PortalLive({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const renewSession = useCallback(
    () =>
      api.refresh().then(
        () => true,
        () => false,
      ),
    [api],
  );
  const onEvent = useCallback(
    (event: RealtimeEvent) => {
      if (event.type === 'message.new' || event.type === 'budget.alert' || event.type === 'careplan.review_due') {
        void queryClient.invalidateQueries({ queryKey: homeKey });
      }
    },
    [queryClient],
  );
  const statuses = useLiveUpdates({ url: wsUrl(apiUrl), renewSession, onEvent });
  const live = statuses.visits === 'live' && statuses.notifications === 'live';
  return (
    <LiveContext.Provider value={live}>
      <NavUnreadBadges />
      {children}
    </LiveContext.Provider>
  );
}
