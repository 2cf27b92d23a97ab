'use client';

import { useApi } from '@caretracker/ui/data';
import { type LiveStatuses, useLiveUpdates } from '@caretracker/ui/live';
import { useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { config } from './config';
import { overviewKey } from './office-api';
import { playEmergencyChime } from './sound';

// The nav's unread badges load after the frame (initial JS budget); they need the browser's session.
const NavUnreadBadges = dynamic(() => import('./nav-unread').then((m) => m.NavUnreadBadges), { ssr: false });

const wsUrl = config.apiUrl.replace(/^http/, 'ws');
/** How long the page's own calls must have been quiet before the WebSocket opens. */
const SETTLED_MS = 1000;

const LiveContext = createContext<LiveStatuses>({});

/** Whether the screens are receiving live updates: `live` once both channels are. */
export function useLiveState(): 'live' | 'connecting' | 'offline' {
  const statuses = useContext(LiveContext);
  const values = Object.values(statuses);
  if (values.length === 2 && values.every((status) => status === 'live')) return 'live';
  if (values.some((status) => status === 'offline' || status === 'signed-out' || status === 'closed')) return 'offline';
  return 'connecting';
}

/**
 * The page's first data comes through REST; the WebSocket opens once those calls have settled
 * (a connection held open from the first moment would keep the page "loading" for tools that wait
 * for the network to go quiet, such as the accessibility checks), then stays open across screens.
 */
function useSettled(): boolean {
  const queryClient = useQueryClient();
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (settled) return;
    let quietSince = Date.now();
    const timer = window.setInterval(() => {
      if (document.readyState !== 'complete' || queryClient.isFetching() > 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= SETTLED_MS) setSettled(true);
    }, 200);
    return () => window.clearInterval(timer);
  }, [queryClient, settled]);
  return settled;
}

/**
 * Keeps every office screen live over the API's WebSocket (the shared hook): each event refreshes
 * the queries it changes, the overview on any event, and a newly raised emergency plays the chime;
 * the nav's Messages and Notifications entries show what is unread.
 */
export function OfficeLiveUpdates({ children }: { children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const settled = useSettled();
  const statuses = useLiveUpdates({
    url: settled ? wsUrl : null,
    renewSession: () =>
      api.refresh().then(
        () => true,
        () => false,
      ),
    onEvent(event) {
      void queryClient.invalidateQueries({ queryKey: overviewKey });
      if (event.type === 'emergency.alert' && (event.data.event === 'RAISED' || event.data.event === 'REPEATED')) {
        playEmergencyChime();
      }
    },
  });
  return (
    <LiveContext.Provider value={statuses}>
      <NavUnreadBadges />
      {children}
    </LiveContext.Provider>
  );
}
