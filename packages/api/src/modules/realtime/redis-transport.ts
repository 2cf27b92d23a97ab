import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { continuousAfter, type EventEnvelope, type EventTransport } from './transport';

/**
 * Numbering, logging and publishing in one script: Redis runs it atomically, so ids reach
 * subscribers in the order they were assigned, and an event is in the replay log before anyone
 * can see it live. The id is spliced into the JSON the caller built (which always starts `{"`).
 */
const APPEND_SCRIPT = `
local id = redis.call('INCR', KEYS[1])
local payload = '{"id":' .. id .. ',' .. string.sub(ARGV[1], 2)
redis.call('ZADD', KEYS[2], id, payload)
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[2]) + 1))
redis.call('PUBLISH', ARGV[3], payload)
return payload
`;

/**
 * Events across API processes: ids from INCR, the replay log a sorted set capped at `capacity`
 * (score = id), fan-out by pub/sub on a dedicated subscriber connection. A process that notices
 * a gap in the ids it hears (its subscriber reconnected) fetches the missing events from the
 * log before going on, so its sockets miss nothing.
 */
export function createRedisTransport(options: {
  redis: Redis;
  namespace: string;
  capacity: number;
  log: FastifyBaseLogger;
}): EventTransport {
  const { redis, namespace, capacity, log } = options;
  // Keys live in one numbered database, pub/sub channels are server-wide: the channel names the
  // database too, so only processes sharing the id sequence ever share a channel.
  const keyspace = `${namespace}:db${redis.options.db ?? 0}`;
  const keys = { seq: `${namespace}:seq`, log: `${namespace}:log`, channel: `${keyspace}:events` };
  const listeners: Array<(event: EventEnvelope) => void> = [];
  const resyncListeners: Array<(latestId: number) => void> = [];
  const subscriber = redis.duplicate();
  let lastHeard: number | null = null;
  /** After a resync: ids up to this one were covered by the refetch it caused; heard late, they are skipped. */
  let coveredUpTo: number | null = null;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  subscriber.on('error', (error: Error) => log.warn({ err: { message: error.message } }, 'Redis subscriber error'));
  const subscribed = subscriber.subscribe(keys.channel).catch((error: Error) => {
    log.error({ err: { message: error.message } }, 'could not subscribe to realtime events');
  });

  function emit(event: EventEnvelope) {
    lastHeard = event.id;
    for (const listener of listeners) listener(event);
  }

  async function range(fromId: number, toId: number): Promise<EventEnvelope[]> {
    const rows = await redis.zrangebyscore(keys.log, fromId, toId);
    return rows.map((row) => JSON.parse(row) as EventEnvelope);
  }

  async function receive(payload: string) {
    const event = JSON.parse(payload) as EventEnvelope;
    if (coveredUpTo !== null) {
      if (event.id <= coveredUpTo) return;
      coveredUpTo = null;
    }
    // Redis delivers a channel's messages once and in order, and the channel carries only this
    // installation's ids: an id at or below the last one means the sequence started again
    // (Redis lost its data), never a repeat. Counting restarts from 0: the new sequence's earlier
    // events, published while this subscriber was still reconnecting, are read from the log below.
    if (lastHeard !== null && event.id <= lastHeard) {
      log.warn({ id: event.id, lastHeard }, 'realtime event ids restarted (Redis was reset)');
      lastHeard = 0;
    }
    if (lastHeard !== null && event.id > lastHeard + 1) {
      const missed = await range(lastHeard + 1, event.id - 1).catch(() => []);
      log.warn({ from: lastHeard + 1, to: event.id - 1, recovered: missed.length }, 'realtime events missed; replayed');
      for (const earlier of missed) emit(earlier);
    }
    emit(event);
  }

  /**
   * The subscriber was cut off (Redis restarted, the network dropped) and is back. What was
   * published meanwhile never reached it, and the log may not hold it (Redis may have come back
   * empty, its ids starting again): this process's sockets are told to refetch and to resume
   * after the current id. Events held back by a publisher during the outage come after it, live.
   */
  async function resync() {
    for (let attempt = 0; !closed; attempt++) {
      try {
        await subscriber.subscribe(keys.channel);
        const latest = Number((await redis.get(keys.seq)) ?? 0);
        lastHeard = latest;
        coveredUpTo = latest;
        log.warn({ latestId: latest }, 'realtime subscriber reconnected; sockets told to refetch');
        for (const listener of resyncListeners) listener(latest);
        return;
      } catch (error) {
        if (attempt >= 30) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }
  let readyBefore = false;
  subscriber.on('ready', () => {
    if (!readyBefore) {
      readyBefore = true;
      return;
    }
    chain = chain.then(resync).catch((error: Error) => log.error({ err: error }, 'realtime resync'));
  });

  subscriber.on('message', (channel: string, payload: string) => {
    if (channel !== keys.channel) return;
    // One at a time, so a gap being filled from the log keeps the order.
    chain = chain.then(() => receive(payload)).catch((error: Error) => log.error({ err: error }, 'realtime receive'));
  });

  return {
    kind: 'redis',
    async append(event) {
      await subscribed;
      const payload = (await redis.eval(
        APPEND_SCRIPT,
        2,
        keys.seq,
        keys.log,
        JSON.stringify(event),
        capacity,
        keys.channel,
      )) as string;
      return JSON.parse(payload) as EventEnvelope;
    },
    async since(lastId) {
      const result = await redis.multi().get(keys.seq).zrangebyscore(keys.log, `(${lastId}`, '+inf').exec();
      if (!result || result.some(([error]) => error)) throw new Error('reading the replay log failed');
      const latest = Number(result[0]?.[1] ?? 0);
      const rows = (result[1]?.[1] as string[] | undefined) ?? [];
      return continuousAfter(
        lastId,
        latest,
        rows.map((row) => JSON.parse(row) as EventEnvelope),
      );
    },
    async latestId() {
      return Number((await redis.get(keys.seq)) ?? 0);
    },
    onEvent(listener) {
      listeners.push(listener);
    },
    onResync(listener) {
      resyncListeners.push(listener);
    },
    async close() {
      closed = true;
      listeners.length = 0;
      resyncListeners.length = 0;
      await chain;
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
