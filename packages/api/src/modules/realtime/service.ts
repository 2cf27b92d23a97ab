import type { Database } from '@caretracker/database';
import { REALTIME_CLOSE } from '@caretracker/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { trackCommits } from './after-commit';
import { createEventBus, type EventBus } from './event-bus';
import { createHub, type Hub } from './hub';
import { createRealtimeMetrics } from './metrics';
import { createRedisTransport } from './redis-transport';
import { createInProcessTransport } from './transport';

export interface RealtimeOptions {
  /** Ping interval; a socket that has not answered the previous ping by the next one is dropped. */
  heartbeatMs: number;
  /** Events kept for reconnecting clients, at most this many… */
  replayCapacity: number;
  /** …and no older than this; a client whose gap reaches further is told to refetch. */
  replayMaxAgeMs: number;
}

export const DEFAULT_REALTIME_OPTIONS: RealtimeOptions = {
  heartbeatMs: 30_000,
  replayCapacity: 10_000,
  replayMaxAgeMs: 15 * 60_000,
};

export interface Realtime {
  events: EventBus;
  hub: Hub;
  /** Shutdown, first step: sockets are told to reconnect elsewhere (1012 with a delay hint). */
  closeSockets(): void;
  /** Shutdown, last step before Redis closes: pending publishes go out, timers and the subscriber stop. */
  close(): Promise<void>;
}

/**
 * Live updates: the event bus the modules publish to, and the hub holding this process's
 * sockets. In-process without Redis; with Redis, every replica hears every event.
 */
export function createRealtime(deps: {
  db: Database;
  redis: Redis | null;
  log: FastifyBaseLogger;
  registry: Registry | null;
  /** The installation's Redis namespace for live updates (`redisKeyPrefix` + `:realtime`). */
  namespace: string;
  options?: Partial<RealtimeOptions>;
}): Realtime {
  const options = { ...DEFAULT_REALTIME_OPTIONS, ...deps.options };
  trackCommits(deps.db);
  const metrics = createRealtimeMetrics(deps.registry ?? new Registry());
  const transport = deps.redis
    ? createRedisTransport({
        redis: deps.redis,
        namespace: deps.namespace,
        capacity: options.replayCapacity,
        log: deps.log,
      })
    : createInProcessTransport({ capacity: options.replayCapacity });
  // An event lost on its way out (Redis away) would leave this process's sockets silently behind:
  // they are told to refetch, as a client whose gap is past the replay log is.
  const events = createEventBus({ transport, metrics, log: deps.log, onLost: () => hub.refetchAll() });
  const hub = createHub({ transport, db: deps.db, metrics, log: deps.log, options });
  return {
    events,
    hub,
    closeSockets() {
      hub.closeAll(REALTIME_CLOSE.serviceRestart, () =>
        JSON.stringify({ reconnectAfterMs: 500 + Math.floor(Math.random() * 2_000) }),
      );
    },
    async close() {
      hub.stop();
      await events.flush();
      events.stop();
      await transport.close();
    },
  };
}
