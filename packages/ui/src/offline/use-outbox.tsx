'use client';

import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { createOutbox, type EnqueueInput, type Outbox, type OutboxOptions, type OutboxSnapshot } from './outbox';
import type { OutboxItem } from './outbox-store';

interface OutboxHandle {
  /** Resolves once IndexedDB is open; every action waits for it. */
  ready: Promise<Outbox>;
  current: Outbox | null;
}

const OutboxContext = createContext<OutboxHandle | null>(null);

export interface OutboxProviderProps {
  /** Null while nobody is signed in: nothing is queued or replayed. */
  options: OutboxOptions | null;
  children: ReactNode;
}

/**
 * Opens the signed-in user's outbox (a new one when the user changes) and, as each change is
 * applied, invalidates the query keys the change named. Put it inside the QueryClientProvider.
 */
export function OutboxProvider({ options, children }: OutboxProviderProps) {
  const queryClient = useQueryClient();
  const latest = useRef(options);
  latest.current = options;
  const [handle, setHandle] = useState<OutboxHandle | null>(null);
  // A new outbox only when whose it is or where it sends changes (the other options are taken as it opens).
  const identity = options ? [options.userId, options.baseUrl, options.dbName ?? ''].join('\n') : null;

  useEffect(() => {
    const current = latest.current;
    if (identity === null || !current) {
      setHandle(null);
      return;
    }
    let closed = false;
    let unsubscribe = () => {};
    const next: OutboxHandle = { current: null, ready: createOutbox(current) };
    next.ready.then((outbox) => {
      if (closed) return outbox.close();
      next.current = outbox;
      unsubscribe = outbox.on((event) => {
        if (event.type !== 'applied') return;
        for (const queryKey of event.item.invalidates) void queryClient.invalidateQueries({ queryKey: [...queryKey] });
      });
      setHandle({ ...next });
    });
    setHandle(next);
    return () => {
      closed = true;
      unsubscribe();
      next.current?.close();
    };
  }, [identity, queryClient]);

  return <OutboxContext.Provider value={handle}>{children}</OutboxContext.Provider>;
}

const EMPTY: OutboxSnapshot = { pending: [], conflicts: [], sendingId: null, signedOut: false };
const noSubscription = () => () => {};

export interface UseOutbox extends OutboxSnapshot {
  /** False until the outbox is open (and always while nobody is signed in). */
  ready: boolean;
  enqueue(input: EnqueueInput): Promise<OutboxItem>;
  flush(): Promise<void>;
  retry(id: string): Promise<void>;
  edit(id: string, changes: { body?: unknown; path?: string }): Promise<void>;
  discard(id: string): Promise<void>;
}

/** The outbox's pending items and conflicts, and the actions a screen offers on them. */
export function useOutbox(): UseOutbox {
  const handle = useContext(OutboxContext);
  const outbox = handle?.current ?? null;
  const snapshot = useSyncExternalStore(
    outbox?.subscribe ?? noSubscription,
    outbox?.snapshot ?? (() => EMPTY),
    () => EMPTY,
  );
  const actions = useMemo(() => {
    const use = async <T,>(act: (outbox: Outbox) => Promise<T>): Promise<T> => {
      if (!handle) throw new Error('Sign in to save changes on this device');
      return act(await handle.ready);
    };
    return {
      enqueue: (input: EnqueueInput) => use((o) => o.enqueue(input)),
      flush: () => use((o) => o.flush({ force: true })),
      retry: (id: string) => use((o) => o.retry(id)),
      edit: (id: string, changes: { body?: unknown; path?: string }) => use((o) => o.edit(id, changes)),
      discard: (id: string) => use((o) => o.discard(id)),
    };
  }, [handle]);
  return { ...snapshot, ready: outbox !== null, ...actions };
}
