'use client';

import type { RealtimeChannel, RealtimeEvent, REALTIME_CHANNELS as SharedChannels } from '@caretracker/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Backoff } from '../offline/backoff';
import { keysForChannel, keysForEvent } from './event-keys';
import { type LiveStatus, openLiveConnection, type WebSocketConstructor } from './live-connection';
import { defaultLiveKeys, type LiveKeys } from './query-keys';

export interface LiveUpdatesOptions {
  /** The API's WebSocket root (`ws://localhost:4000`); null while nobody is signed in. */
  url: string | null;
  /** Default: both channels. */
  channels?: readonly RealtimeChannel[];
  keys?: LiveKeys;
  /** Told of every event after its queries are invalidated (an emergency toast, say). */
  onEvent?(event: RealtimeEvent): void;
  WebSocket?: WebSocketConstructor;
  token?: () => string | null;
  renewSession?: () => Promise<boolean>;
  backoff?: Backoff;
}

// The channel list as a value without importing packages/shared at run time (zod stays out of the browser).
const ALL_CHANNELS: typeof SharedChannels = ['visits', 'notifications'];

export type LiveStatuses = Partial<Record<RealtimeChannel, LiveStatus>>;

/**
 * Keeps the app's queries live: each event invalidates exactly the queries it changes (see
 * event-keys.ts), a `refetch` answer invalidates everything its channel covers. Returns each
 * channel's status for the offline/reconnecting banner.
 */
export function useLiveUpdates(options: LiveUpdatesOptions): LiveStatuses {
  const queryClient = useQueryClient();
  const latest = useRef(options);
  latest.current = options;
  const [statuses, setStatuses] = useState<LiveStatuses>({});
  const { url } = options;
  const channels = (options.channels ?? ALL_CHANNELS).join(',');

  useEffect(() => {
    if (!url) return;
    const invalidate = (keys: readonly (readonly unknown[])[]) => {
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
    };
    const connections = (channels.split(',') as RealtimeChannel[]).map((channel) => {
      const current = latest.current;
      return openLiveConnection({
        url,
        channel,
        ...(current.WebSocket ? { WebSocket: current.WebSocket } : {}),
        ...(current.token ? { token: current.token } : {}),
        ...(current.renewSession ? { renewSession: current.renewSession } : {}),
        ...(current.backoff ? { backoff: current.backoff } : {}),
        onEvent(event) {
          invalidate(keysForEvent(event, latest.current.keys ?? defaultLiveKeys));
          latest.current.onEvent?.(event);
        },
        onRefetch: () => invalidate(keysForChannel(channel, latest.current.keys ?? defaultLiveKeys)),
        onStatus: (status) => setStatuses((previous) => ({ ...previous, [channel]: status })),
      });
    });
    return () => {
      for (const connection of connections) connection.close();
    };
  }, [url, channels, queryClient]);

  return statuses;
}
