import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import type { Query, QueryClient } from '@tanstack/react-query';
import type {
  AsyncStorage,
  PersistedClient,
  Persister,
  PersistQueryClientOptions,
} from '@tanstack/react-query-persist-client';
import { type IDBPDatabase, openDB } from 'idb';

export const DEFAULT_CACHE_DB = 'caretracker-cache';
/**
 * How long the last data stays usable offline. A shift plus a margin: old enough to carry a worker
 * through a day without signal, young enough that a lost phone does not hold a week of PHI. The
 * QueryClient's `gcTime` must be at least this long, or queries are dropped before they are saved.
 */
export const CACHE_MAX_AGE_MS = 24 * 60 * 60_000;

/** A string key-value store in its own IndexedDB database, in the shape TanStack's persister takes. */
export function createIdbStorage(dbName: string = DEFAULT_CACHE_DB): AsyncStorage<string> & { close(): Promise<void> } {
  let opening: Promise<IDBPDatabase> | null = null;
  const db = () => {
    opening ??= openDB(dbName, 1, {
      upgrade(database) {
        database.createObjectStore('kv');
      },
      blocking() {
        void opening?.then((open) => open.close());
      },
    });
    return opening;
  };
  return {
    getItem: async (key) => ((await (await db()).get('kv', key)) as string | undefined) ?? null,
    setItem: async (key, value) => {
      await (await db()).put('kv', value, key);
    },
    removeItem: async (key) => {
      await (await db()).delete('kv', key);
    },
    async close() {
      if (opening) (await opening).close();
      opening = null;
    },
  };
}

/**
 * A query whose last refetch failed (offline) still holds its last good answer: it is written as
 * that answer, with the time it was fetched, not as the failure. Otherwise the first offline
 * reload's failed refetch would drop the data from the device, and the next reload show nothing.
 */
function asLastAnswer(client: PersistedClient): PersistedClient {
  const queries = client.clientState.queries.map((query) =>
    query.state.status === 'error' && query.state.data !== undefined
      ? {
          ...query,
          state: {
            ...query.state,
            status: 'success' as const,
            error: null,
            fetchFailureCount: 0,
            fetchFailureReason: null,
          },
        }
      : query,
  );
  return { ...client, clientState: { ...client.clientState, queries } };
}

/**
 * The persister the apps' QueryClient is saved with: one IndexedDB entry, written at most once a
 * second. The write waiting out that second is made at once when the page is hidden or left
 * (`visibilitychange` to hidden, `pagehide`: a reload, a closed tab, the phone locked), so the last
 * change before a reload is on the device too.
 */
export function createCachePersister(
  options: { dbName?: string; key?: string; throttleTime?: number; storage?: AsyncStorage<string> } = {},
): Persister & { flush(): Promise<void> } {
  const storage = options.storage ?? createIdbStorage(options.dbName);
  const key = options.key ?? 'query-cache';
  const serialize = (client: PersistedClient) => JSON.stringify(asLastAnswer(client));
  // The client given last, until it is written (by the throttle or by a flush).
  let waiting: PersistedClient | null = null;
  const throttled = createAsyncStoragePersister({
    // The throttle's own write serializes the latest client: nothing is left for a flush to do.
    storage: {
      getItem: (name) => storage.getItem(name),
      setItem: (name, value) => {
        waiting = null;
        return storage.setItem(name, value);
      },
      removeItem: (name) => storage.removeItem(name),
    },
    key,
    throttleTime: options.throttleTime ?? 1_000,
    serialize,
  });
  const flush = async () => {
    const client = waiting;
    waiting = null;
    if (client) await storage.setItem(key, serialize(client));
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', () => void flush().catch(() => undefined));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void flush().catch(() => undefined);
    });
  }
  return {
    persistClient: (client) => {
      waiting = client;
      return throttled.persistClient(client);
    },
    restoreClient: () => throttled.restoreClient(),
    removeClient: async () => {
      waiting = null;
      await throttled.removeClient();
    },
    flush,
  };
}

/**
 * Which queries are written to the device: those holding an answer (a failed refetch keeps the
 * last one), unless a query opts out with `meta: { persist: false }` (anything that must never
 * rest on a disk: MFA secrets, say).
 */
export function shouldPersistQuery(query: Query): boolean {
  const answered =
    query.state.status === 'success' || (query.state.status === 'error' && query.state.data !== undefined);
  return answered && query.meta?.persist !== false;
}

/**
 * Options for `PersistQueryClientProvider`. Restoring needs no user id (offline, the cached
 * `/auth/me` is how the app knows who is signed in); sign-out and a different user signing in
 * clear the cache instead (`clearOfflineCache`). `version` busts caches of an older data shape.
 * Mutations are never written here: the outbox is the one place unsent changes live.
 */
export function cachePersistOptions(
  persister: Persister,
  { version = '1' }: { version?: string } = {},
): Omit<PersistQueryClientOptions, 'queryClient'> {
  return {
    persister,
    maxAge: CACHE_MAX_AGE_MS,
    buster: version,
    dehydrateOptions: { shouldDehydrateQuery: shouldPersistQuery, shouldDehydrateMutation: () => false },
  };
}

/** Sign-out (or another user signing in): the cached data leaves memory and the device. */
export async function clearOfflineCache(queryClient: QueryClient, persister: Persister): Promise<void> {
  queryClient.clear();
  await persister.removeClient();
}
