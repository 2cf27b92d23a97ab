'use client';

import { useApi } from '@caretracker/ui/data';
import { useLiveUpdates } from '@caretracker/ui/live';
import { OutboxProvider } from '@caretracker/ui/offline';
import { useSession } from '@caretracker/ui/shell';
import dynamic from 'next/dynamic';
import { type ReactNode, useMemo } from 'react';
import { config } from './config';

// The phone bar's unread counts load after the first screen (it renders nothing itself), which
// keeps every route's initial JavaScript under the 200 kB budget.
const NavUnreadBadges = dynamic(() => import('./nav-unread').then((m) => m.NavUnreadBadges), { ssr: false });

const wsUrl = config.apiUrl.replace(/^http/, 'ws');

/**
 * The worker's offline outbox (check-ins, doses, check-outs wait on the device and are replayed in
 * order with their Idempotency-Key) and the live updates (a visit moved or reassigned by the office
 * refreshes the screens at once). Inside SignedInLayout: both are the signed-in user's.
 */
export function WorkerPlatform({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const api = useApi();
  const options = useMemo(
    () => ({ userId: me.id, baseUrl: config.apiUrl, refresh: () => api.refresh() }),
    [me.id, api],
  );
  useLiveUpdates({ url: wsUrl });
  return (
    <OutboxProvider options={options}>
      <NavUnreadBadges />
      {children}
    </OutboxProvider>
  );
}
