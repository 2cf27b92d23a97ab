import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, copySavedAt } from './api-client';

const MAX_RETRIES = 3;
/** Longest wait before a retry, even when the server's Retry-After asks for more. */
const MAX_DELAY_MS = 60_000;

/**
 * Whether a failed call is worth another try: the network or the server (5xx) may recover, and a
 * 429 will after its Retry-After; any other 4xx is an answer (not found, not allowed, bad input)
 * that a retry cannot change.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (!(error instanceof ApiError)) return false; // a bug in the screen, not the network
  if (error.status === 429) return true;
  if (error.status >= 400 && error.status < 500) return false;
  return true; // 0 (network), 5xx
}

/** How long before the next try: the server's Retry-After on a 429, else 1 s, 2 s, 4 s… */
export function retryDelay(failureCount: number, error: unknown): number {
  if (error instanceof ApiError && error.retryAfterSeconds) {
    return Math.min(error.retryAfterSeconds * 1000, MAX_DELAY_MS);
  }
  return Math.min(1000 * 2 ** failureCount, MAX_DELAY_MS);
}

/** The session is gone (the client's one refresh failed): only signing in again helps. */
export function isSessionEnded(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.sessionEnded;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

export function isNetworkError(error: unknown): boolean {
  return error instanceof ApiError && error.status === 0;
}

export interface QueryClientOptions {
  /**
   * The session is gone (a 401 that survived the client's one refresh): AppProviders sends the
   * user to the sign-in page. Called once per burst, however many queries failed.
   */
  onUnauthorized?: () => void;
}

/**
 * The app's QueryClient: 30 s fresh data, retries per `shouldRetry`/`retryDelay`, no retry of
 * mutations (a mutation is repeated by the user, or replayed by the offline outbox with its key).
 */
export function createQueryClient({ onUnauthorized }: QueryClientOptions = {}): QueryClient {
  let signalled = false;
  const unauthorized = (error: unknown) => {
    if (!isSessionEnded(error) || signalled || !onUnauthorized) return;
    signalled = true;
    onUnauthorized();
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: unauthorized,
      // An answer from the service worker's saved copy is as old as the copy, not as the fetch:
      // what the offline banner's "saved at" and the staleness of the data go by.
      onSuccess: (data, query) => {
        const savedAt = copySavedAt(data);
        if (savedAt !== undefined && savedAt < query.state.dataUpdatedAt) {
          client.setQueryData(query.queryKey, query.state.data, { updatedAt: savedAt });
        }
      },
    }),
    mutationCache: new MutationCache({ onError: unauthorized }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        gcTime: 24 * 3600_000, // kept a day, so the persisted cache has something to show offline
        retry: shouldRetry,
        retryDelay,
        refetchOnWindowFocus: true,
        // Queries run while offline too: they fail fast as network errors and the screen says so,
        // instead of TanStack's default of pausing (a spinner with no end).
        networkMode: 'always',
      },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
  return client;
}
