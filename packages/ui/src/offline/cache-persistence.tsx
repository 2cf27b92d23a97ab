'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

type Persister = import('@tanstack/react-query-persist-client').Persister;
const persisters = new Map<string, Persister>();

/**
 * Persists the app's existing QueryClient (the one AppProviders made) to IndexedDB: restored as
 * the app opens, so an offline reload still shows the last data with its age, written as it
 * changes. For an app that cannot wrap its QueryClientProvider in OfflineQueryProvider. The
 * persister's code loads after the page (it is not needed to draw the first screen).
 */
export function CachePersistence({
  dbName,
  version = '1',
  resources,
}: {
  dbName?: string;
  version?: string;
  /** Only queries whose key starts with one of these are kept (default: every query). */
  resources?: readonly string[];
}) {
  const queryClient = useQueryClient();
  // The list as a string, so a new array of the same names does not restart the persistence.
  const names = resources?.join('\n') ?? null;
  useEffect(() => {
    let unsubscribe: (() => void) | null = null;
    let cancelled = false;
    void Promise.all([import('@tanstack/react-query-persist-client'), import('./query-persister')]).then(
      ([{ persistQueryClient }, { cachePersistOptions, createCachePersister, shouldPersistQuery }]) => {
        if (cancelled) return;
        const name = dbName ?? 'default';
        let persister = persisters.get(name);
        if (!persister) {
          persister = createCachePersister(dbName ? { dbName } : {});
          persisters.set(name, persister);
        }
        const options = cachePersistOptions(persister, { version });
        const kept = names === null ? null : new Set(names.split('\n'));
        const [stop, restored] = persistQueryClient({
          queryClient,
          ...options,
          dehydrateOptions: {
            ...options.dehydrateOptions,
            shouldDehydrateQuery: (query) =>
              shouldPersistQuery(query) && (!kept || kept.has(String(query.queryKey[0]))),
          },
        });
        unsubscribe = stop;
        // What came back from the device is shown at once, then asked for again: it may be older
        // than its age says (a change made a moment before a reload is not on the disk yet).
        void restored.then(() => {
          if (!cancelled) void queryClient.invalidateQueries();
        });
      },
    );
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, [queryClient, dbName, version, names]);
  return null;
}
