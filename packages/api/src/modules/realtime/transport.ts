import { EventEmitter } from 'node:events';
import type { RealtimeEventType, Role } from '@caretracker/shared';

/** Who may receive an event: these users, and everyone signed in with one of these roles. */
export interface Audience {
  userIds: string[];
  roles: Role[];
}

/** An event as the API processes pass it around; sockets get it without the audience. */
export interface EventEnvelope {
  id: number;
  type: RealtimeEventType;
  at: string;
  audience: Audience;
  data: Record<string, unknown>;
}

export type NewEvent = Omit<EventEnvelope, 'id'>;

/**
 * Numbers events, keeps a bounded replay log of them and hands each to every API process
 * (in order of id): in-process without Redis, Redis pub/sub with it.
 */
export interface EventTransport {
  readonly kind: 'in-process' | 'redis';
  /** Assigns the next id, appends to the replay log and fans the event out to every process. */
  append(event: NewEvent): Promise<EventEnvelope>;
  /** The events after `lastId` in order, or null when the log no longer reaches back to it. */
  since(lastId: number): Promise<EventEnvelope[] | null>;
  latestId(): Promise<number>;
  onEvent(listener: (event: EventEnvelope) => void): void;
  /**
   * Called when this process may have missed events it cannot name (its Redis subscriber was
   * cut off and is back, Redis possibly without its data): `latestId` is the id to resume after.
   */
  onResync(listener: (latestId: number) => void): void;
  close(): Promise<void>;
}

/** Applies `since`'s rule to a log excerpt: the first event after `lastId` must still be there. */
export function continuousAfter(lastId: number, latest: number, after: EventEnvelope[]): EventEnvelope[] | null {
  if (lastId > latest) return null; // an id from before the log was reset
  if (lastId === latest) return [];
  if (after[0]?.id !== lastId + 1) return null;
  return after;
}

/** The single-process transport: a counter, a ring of the last `capacity` events, an emitter. */
export function createInProcessTransport(options: { capacity: number }): EventTransport {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let latest = 0;
  let log: EventEnvelope[] = [];
  return {
    kind: 'in-process',
    async append(event) {
      latest += 1;
      const envelope: EventEnvelope = { id: latest, ...event };
      log.push(envelope);
      // Trimmed in batches so the steady state does not copy the whole ring on every event.
      if (log.length >= options.capacity * 2) log = log.slice(-options.capacity);
      emitter.emit('event', envelope);
      return envelope;
    },
    async since(lastId) {
      const first = log[0];
      const start = first ? Math.max(0, lastId + 1 - first.id) : 0;
      return continuousAfter(lastId, latest, log.slice(start));
    },
    async latestId() {
      return latest;
    },
    onEvent(listener) {
      emitter.on('event', listener);
    },
    onResync() {
      // One process: nothing is ever missed.
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
