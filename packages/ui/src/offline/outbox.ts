import { type Backoff, backoffDelay } from './backoff';
import {
  DEFAULT_OUTBOX_DB,
  type OutboxForm,
  type OutboxItem,
  type OutboxMethod,
  type OutboxProblem,
  type OutboxStore,
  openOutboxStore,
} from './outbox-store';
import { type ReplayOutcome, type ReplayTransport, replayItem } from './replay';

export interface EnqueueInput {
  method: OutboxMethod;
  path: string;
  body?: unknown;
  /** A file to upload (multipart) instead of a JSON body. */
  form?: OutboxForm;
  kind: string;
  meta?: Record<string, unknown>;
  invalidates?: ReadonlyArray<readonly unknown[]>;
  /** When the device captured the change (a GeolocationPosition's timestamp, say); default now. */
  capturedAt?: Date | string | number;
}

export interface OutboxSnapshot {
  /** Waiting to be sent, in order (the first may be on its way: see `sendingId`). */
  pending: OutboxItem[];
  /** Refused by the API; each blocks the items after it until the user resolves it. */
  conflicts: OutboxItem[];
  sendingId: string | null;
  /** The session ended during a replay: nothing more is sent until the user signs in again. */
  signedOut: boolean;
}

export type OutboxEvent =
  | { type: 'applied'; item: OutboxItem; data: unknown; replayed: boolean }
  | { type: 'conflict'; item: OutboxItem }
  | { type: 'retry-scheduled'; item: OutboxItem };

export interface OutboxOptions extends ReplayTransport {
  /** The signed-in user: only their items are replayed, with their session. */
  userId: string;
  /** IndexedDB database name (tests give each outbox its own). */
  dbName?: string;
  backoff?: Backoff;
  /** Replays by itself: after each enqueue, when the browser comes back online, and when a retry falls due. */
  autoFlush?: boolean;
  now?: () => number;
  random?: () => number;
}

export interface Outbox {
  enqueue(input: EnqueueInput): Promise<OutboxItem>;
  /** Replays due items in order until the queue is empty or an item fails; `force` ignores backoff. */
  flush(options?: { force?: boolean }): Promise<void>;
  /** Sends a conflicted item again as it is (same key: the API forgot the refused attempt). */
  retry(id: string): Promise<void>;
  /** Sends a conflicted item with a new body (and a new Idempotency-Key, as it is a new request). */
  edit(id: string, changes: { body?: unknown; path?: string }): Promise<void>;
  /** Drops an item that is not on its way: the user decided it should not happen. */
  discard(id: string): Promise<void>;
  /** Drops every item of this user (sign-out after the user confirmed losing them). */
  clear(): Promise<void>;
  snapshot(): OutboxSnapshot;
  /** Called with every new snapshot; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  on(listener: (event: OutboxEvent) => void): () => void;
  /** Re-reads IndexedDB (another tab changed it). */
  reload(): Promise<void>;
  close(): void;
}

const DEFAULT_BACKOFF: Backoff = { baseMs: 2_000, maxMs: 5 * 60_000 };

function newKey(): string {
  return `outbox-${crypto.randomUUID()}`;
}

function toIso(value: EnqueueInput['capturedAt'], now: number): string {
  return new Date(value ?? now).toISOString();
}

/**
 * The offline outbox: changes are written to IndexedDB first, then replayed to the API strictly
 * in order, each with its own Idempotency-Key, so a reload, a browser restart or a lost answer
 * never applies one twice. A refusal (4xx) stops the queue at that item until the user resolves
 * it: the items after it may depend on it (a check-out after a refused check-in), and sending
 * them anyway would only pile up refusals.
 */
export async function createOutbox(options: OutboxOptions): Promise<Outbox> {
  const { userId, autoFlush = true } = options;
  const now = options.now ?? Date.now;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const store: OutboxStore = await openOutboxStore(options.dbName ?? DEFAULT_OUTBOX_DB);
  const channelName = `${options.dbName ?? DEFAULT_OUTBOX_DB}:${userId}`;
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName);
  const listeners = new Set<() => void>();
  const eventListeners = new Set<(event: OutboxEvent) => void>();
  let items: OutboxItem[] = [];
  let state: OutboxSnapshot = { pending: [], conflicts: [], sendingId: null, signedOut: false };
  let sendingId: string | null = null;
  let signedOut = false;
  let flushing: Promise<void> | null = null;
  let again: { force: boolean } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  function publish() {
    state = {
      pending: items.filter((item) => item.status === 'pending'),
      conflicts: items.filter((item) => item.status === 'conflict'),
      sendingId,
      signedOut,
    };
    for (const listener of listeners) listener();
  }
  const emit = (event: OutboxEvent) => {
    for (const listener of eventListeners) listener(event);
  };

  async function reload() {
    items = await store.list(userId);
    publish();
  }
  /** After a write: this tab's snapshot, and every other tab's. */
  async function changed() {
    await reload();
    channel?.postMessage('changed');
  }

  function schedule(at: number) {
    if (!autoFlush || closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(
      () => {
        timer = null;
        flushInBackground();
      },
      Math.max(0, at - now()),
    );
  }

  async function settle(item: OutboxItem, outcome: ReplayOutcome) {
    switch (outcome.kind) {
      case 'applied':
        await store.remove(item.seq);
        emit({ type: 'applied', item, data: outcome.data, replayed: outcome.replayed });
        return true;
      case 'conflict': {
        const conflicted: OutboxItem = {
          ...item,
          status: 'conflict',
          conflict: { ...outcome.problem, at: new Date(now()).toISOString() },
        };
        await store.put(conflicted);
        emit({ type: 'conflict', item: conflicted });
        return false;
      }
      case 'retry': {
        const attempts = item.attempts + 1;
        const delay = Math.max(backoffDelay(attempts, backoff, options.random), outcome.retryAfterMs ?? 0);
        const retried: OutboxItem = { ...item, attempts, nextAttemptAt: now() + delay, lastError: outcome.problem };
        await store.put(retried);
        emit({ type: 'retry-scheduled', item: retried });
        schedule(retried.nextAttemptAt);
        return false;
      }
      case 'signed-out':
        signedOut = true;
        return false;
    }
  }

  /** One pass over the queue, head first; stops at the first item that is not applied. */
  async function drain(force: boolean) {
    for (let first = true; !closed; first = false) {
      const head = (await store.list(userId))[0];
      if (!head || head.status === 'conflict') return;
      // `force` (the connection came back) skips the backoff of the head only: no hammering after.
      if (head.nextAttemptAt > now() && !(force && first)) return schedule(head.nextAttemptAt);
      sendingId = head.id;
      publish();
      const outcome = await replayItem(head, options);
      sendingId = null;
      if (closed) return; // the tab is going away; the item is replayed (same key) next time
      const goOn = await settle(head, outcome);
      await changed();
      if (!goOn) return;
    }
  }

  /** One replay at a time in this tab, and (where Web Locks exist) across the user's tabs. */
  function flush({ force = false } = {}): Promise<void> {
    if (flushing) {
      again = { force: force || (again?.force ?? false) };
      return flushing;
    }
    signedOut = false;
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    const run = () => drain(force);
    flushing = (locks ? locks.request(channelName, run) : run()).finally(() => {
      flushing = null;
      if (again && !closed) {
        const next = again;
        again = null;
        flushInBackground(next.force);
      }
    });
    return flushing;
  }

  /** Replays started by the outbox itself: a failure to read IndexedDB must not become an unhandled rejection. */
  function flushInBackground(force = false) {
    if (autoFlush && !closed) flush({ force }).catch(() => {});
  }

  async function update(id: string, change: (item: OutboxItem) => OutboxItem) {
    const item = await store.get(id);
    if (!item || item.userId !== userId) throw new Error(`No outbox item ${id}`);
    await store.put(change(item));
    await changed();
    flushInBackground(true);
  }
  const requeue = (item: OutboxItem): OutboxItem => {
    const { conflict: _conflict, lastError: _lastError, ...rest } = item;
    return { ...rest, status: 'pending', attempts: 0, nextAttemptAt: now() };
  };

  const onOnline = () => flushInBackground(true);
  const onVisible = () => {
    if (document.visibilityState === 'visible') flushInBackground();
  };
  if (autoFlush && typeof window !== 'undefined') {
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
  }
  if (channel) channel.onmessage = () => void reload().catch(() => {});
  await reload();
  flushInBackground();

  return {
    async enqueue(input) {
      const item = await store.add({
        id: crypto.randomUUID(),
        userId,
        method: input.method,
        path: input.path,
        ...(input.body === undefined ? {} : { body: input.body }),
        ...(input.form ? { form: input.form } : {}),
        idempotencyKey: newKey(),
        capturedAt: toIso(input.capturedAt, now()),
        kind: input.kind,
        ...(input.meta ? { meta: input.meta } : {}),
        invalidates: input.invalidates ?? [],
        attempts: 0,
        nextAttemptAt: now(),
        status: 'pending',
      });
      await changed();
      flushInBackground();
      return item;
    },
    flush,
    retry: (id) => update(id, requeue),
    edit: (id, changes) =>
      update(id, (item) => ({
        ...requeue(item),
        ...(changes.path === undefined ? {} : { path: changes.path }),
        ...('body' in changes ? { body: changes.body } : {}),
        idempotencyKey: newKey(),
      })),
    async discard(id) {
      const item = await store.get(id);
      if (!item || item.userId !== userId) return;
      if (item.id === sendingId) throw new Error('This change is being sent right now');
      await store.remove(item.seq);
      await changed();
      flushInBackground();
    },
    async clear() {
      await store.clear(userId);
      await changed();
    },
    snapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    on(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    reload,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline);
        document.removeEventListener('visibilitychange', onVisible);
      }
      channel?.close();
      store.close();
    },
  };
}

export type { OutboxForm, OutboxItem, OutboxMethod, OutboxProblem };
