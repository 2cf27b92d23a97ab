import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

export type OutboxMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the API (or the network) answered: the error code and message of the shared error shape. */
export interface OutboxProblem {
  /** HTTP status; 0 when the API was not reached. */
  status: number;
  code: string;
  message: string;
  /** The API's `details` (field errors of a 400), for an edit form to show beside its fields. */
  details?: unknown;
}

/**
 * A multipart body (a photo and the fields that link it to a record): the Blob is kept in
 * IndexedDB with the item as it is (structured clone), so it survives a reload and a restart.
 */
export interface OutboxForm {
  fields: Record<string, string>;
  file: { field: string; name: string; blob: Blob };
}

/** A change made on the device, waiting to reach the API (or kept for the user after a refusal). */
export interface OutboxItem {
  /** Position in the queue: replays go strictly in this order. */
  seq: number;
  id: string;
  /** Whose change it is: only that user's session replays it. */
  userId: string;
  method: OutboxMethod;
  /** API path with its query string, e.g. `/visits/<id>/checkin`. */
  path: string;
  body?: unknown;
  /** Sent as multipart/form-data instead of a JSON body (an upload). */
  form?: OutboxForm;
  /** Sent with every attempt, so the API applies the change once however often it is replayed. */
  idempotencyKey: string;
  /** When the device captured the change (ISO 8601), shown to the user and sent in EVV bodies. */
  capturedAt: string;
  /** What the change is, for the screen that lists it (e.g. `visit.checkin`). */
  kind: string;
  /** Values that screen needs to describe it (e.g. the client's name); structured-cloneable. */
  meta?: Record<string, unknown>;
  /** Query keys to invalidate once the API has applied the change. */
  invalidates: ReadonlyArray<readonly unknown[]>;
  /** Failed attempts since the last success, edit or retry. */
  attempts: number;
  /** Not retried before this time (epoch ms) unless the connection just came back. */
  nextAttemptAt: number;
  /** The last transient failure (network, 5xx, 429): the item stays queued. */
  lastError?: OutboxProblem;
  /** `conflict`: the API refused it (4xx); it waits for the user to retry, edit or discard it. */
  status: 'pending' | 'conflict';
  conflict?: OutboxProblem & { at: string };
}

interface OutboxSchema extends DBSchema {
  items: {
    key: number;
    value: OutboxItem;
    indexes: { byUser: [string, number]; byId: string };
  };
}

export interface OutboxStore {
  add(item: Omit<OutboxItem, 'seq'>): Promise<OutboxItem>;
  /** The user's items in queue order. */
  list(userId: string): Promise<OutboxItem[]>;
  get(id: string): Promise<OutboxItem | undefined>;
  put(item: OutboxItem): Promise<void>;
  remove(seq: number): Promise<void>;
  /** Removes every item of the user (sign-out after the user chose to drop unsent changes). */
  clear(userId: string): Promise<void>;
  close(): void;
}

export const DEFAULT_OUTBOX_DB = 'caretracker-outbox';

/** Opens (creating on first use) the IndexedDB database that holds the outbox. */
export async function openOutboxStore(name: string = DEFAULT_OUTBOX_DB): Promise<OutboxStore> {
  const db: IDBPDatabase<OutboxSchema> = await openDB<OutboxSchema>(name, 1, {
    upgrade(database) {
      const items = database.createObjectStore('items', { keyPath: 'seq', autoIncrement: true });
      items.createIndex('byUser', ['userId', 'seq']);
      items.createIndex('byId', 'id', { unique: true });
    },
    // A newer version of the app opened the database in another tab: let it upgrade.
    blocking() {
      db.close();
    },
  });
  const userRange = (userId: string) => IDBKeyRange.bound([userId, -Infinity], [userId, Infinity]);

  return {
    async add(item) {
      // The key path is filled in by autoIncrement; the value is stored without one.
      const seq = await db.add('items', item as OutboxItem);
      return { ...item, seq };
    },
    list: (userId) => db.getAllFromIndex('items', 'byUser', userRange(userId)),
    get: (id) => db.getFromIndex('items', 'byId', id),
    async put(item) {
      await db.put('items', item);
    },
    remove: (seq) => db.delete('items', seq),
    async clear(userId) {
      const tx = db.transaction('items', 'readwrite');
      for await (const cursor of tx.store.index('byUser').iterate(userRange(userId))) await cursor.delete();
      await tx.done;
    },
    close: () => db.close(),
  };
}
