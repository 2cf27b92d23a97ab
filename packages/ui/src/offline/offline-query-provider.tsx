'use client';

import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { type Persister, PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { type ReactNode, useCallback, useSyncExternalStore } from 'react';
import { cachePersistOptions } from './query-persister';

export interface OfflineQueryProviderProps {
  client: QueryClient;
  /** `createCachePersister()`, made once per app (module scope or a ref). */
  persister: Persister;
  /** Bump when the shape of cached data changes, so an older cache is dropped instead of shown. */
  version?: string;
  children: ReactNode;
}

/**
 * The QueryClientProvider for the apps: the last data is restored from IndexedDB before queries
 * run, so a screen opened offline shows what was last seen (with its age: `useCacheAge`).
 */
export function OfflineQueryProvider({ client, persister, version, children }: OfflineQueryProviderProps) {
  return (
    <PersistQueryClientProvider
      client={client}
      persistOptions={cachePersistOptions(persister, version === undefined ? {} : { version })}
      // Restored data is "last seen": shown at once, then fetched again.
      onSuccess={() => client.invalidateQueries()}
    >
      {children}
    </PersistQueryClientProvider>
  );
}

/**
 * When the oldest data on screen was fetched (epoch ms), or null when no observed query has data:
 * the offline banner says "showing data from 10:42". Only queries a mounted component uses count.
 */
export function useCacheAge(): number | null {
  const queryClient = useQueryClient();
  const cache = queryClient.getQueryCache();
  const read = useCallback(() => {
    let oldest: number | null = null;
    for (const query of cache.getAll()) {
      const { dataUpdatedAt } = query.state;
      if (query.getObserversCount() === 0 || query.state.data === undefined || dataUpdatedAt === 0) continue;
      if (oldest === null || dataUpdatedAt < oldest) oldest = dataUpdatedAt;
    }
    return oldest;
  }, [cache]);
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  return useSyncExternalStore(subscribe, read, () => null);
}
