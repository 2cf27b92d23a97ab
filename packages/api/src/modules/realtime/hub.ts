import type { Database } from '@caretracker/database';
import { schema } from '@caretracker/database';
import {
  channelOf,
  REALTIME_CLOSE,
  type RealtimeChannel,
  type RealtimeControl,
  type Role,
  type VisitSummary,
} from '@caretracker/shared';
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { Actor } from '../../context/request-context';
import type { RealtimeMetrics } from './metrics';
import type { EventEnvelope, EventTransport } from './transport';
import { visibleVisitIds } from './visit-events';

/** A socket that does not read what it is sent is dropped past this much unsent data. */
const MAX_BUFFERED_BYTES = 1_048_576;

interface Subscriber {
  socket: WebSocket;
  actor: Actor;
  channel: RealtimeChannel;
  alive: boolean;
  /** Events heard while the replay is being read; sent right after it. Null once live. */
  pending: EventEnvelope[] | null;
}

export interface HubOptions {
  heartbeatMs: number;
  replayMaxAgeMs: number;
}

export type Hub = ReturnType<typeof createHub>;

const mayReceive = (actor: Actor, event: EventEnvelope) =>
  event.audience.userIds.includes(actor.id) || event.audience.roles.includes(actor.role);

/** What a socket is sent: the event without its audience (other people's ids are not its business). */
function frame(event: EventEnvelope): string {
  const { audience: _audience, ...visible } = event;
  return JSON.stringify(visible);
}

/**
 * The sockets this process holds, indexed by user and role so an event costs its audience's size,
 * not the number of sockets. Replays on connect, pings, and closes sockets whose session ended.
 */
export function createHub(deps: {
  transport: EventTransport;
  db: Database;
  metrics: RealtimeMetrics;
  log: FastifyBaseLogger;
  options: HubOptions;
}) {
  const { transport, db, metrics, log, options } = deps;
  const all = new Set<Subscriber>();
  const byUser = new Map<string, Set<Subscriber>>();
  const byRole = new Map<Role, Set<Subscriber>>();

  function add<K>(map: Map<K, Set<Subscriber>>, key: K, subscriber: Subscriber) {
    const set = map.get(key);
    if (set) set.add(subscriber);
    else map.set(key, new Set([subscriber]));
  }
  function remove<K>(map: Map<K, Set<Subscriber>>, key: K, subscriber: Subscriber) {
    const set = map.get(key);
    set?.delete(subscriber);
    if (set?.size === 0) map.delete(key);
  }

  /** Sends one frame; false when the socket is gone or was dropped for not reading. */
  function send(subscriber: Subscriber, payload: string | Buffer): boolean {
    const { socket } = subscriber;
    if (socket.readyState !== socket.OPEN) return false;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      metrics.dropped.inc({ reason: 'slow' });
      socket.terminate();
      return false;
    }
    socket.send(payload, { binary: false });
    return true;
  }

  /** The highest event id this process has delivered, for the `refetch` frame's resume point. */
  let lastDelivered = 0;

  function deliver(event: EventEnvelope) {
    lastDelivered = Math.max(lastDelivered, event.id);
    const started = performance.now();
    const channel = channelOf(event.type);
    const recipients = new Set<Subscriber>();
    for (const userId of event.audience.userIds) for (const s of byUser.get(userId) ?? []) recipients.add(s);
    for (const role of event.audience.roles) for (const s of byRole.get(role) ?? []) recipients.add(s);
    // Encoded once for every recipient.
    let payload: Buffer | undefined;
    let sent = 0;
    for (const subscriber of recipients) {
      if (subscriber.channel !== channel) continue;
      if (subscriber.pending) {
        subscriber.pending.push(event);
        continue;
      }
      payload ??= Buffer.from(frame(event));
      if (send(subscriber, payload)) sent++;
    }
    if (sent > 0) metrics.delivered.inc({ channel }, sent);
    metrics.fanout.observe((performance.now() - started) / 1000);
  }
  transport.onEvent(deliver);
  transport.onResync((latestId) => {
    lastDelivered = latestId;
    refetchAll();
  });

  /** Every live socket reloads through REST (an event meant for some of them was lost), then goes on live. */
  function refetchAll() {
    const control = JSON.stringify({ type: 'refetch', lastEventId: lastDelivered });
    for (const subscriber of all) if (!subscriber.pending) send(subscriber, control);
  }

  /** The missed events this subscriber may see, or null when they must refetch instead. */
  async function missedEvents(subscriber: Subscriber, lastEventId: number): Promise<EventEnvelope[] | null> {
    const missed = await transport.since(lastEventId);
    if (missed === null) return null;
    const first = missed[0];
    if (first && Date.parse(first.at) < Date.now() - options.replayMaxAgeMs) return null;
    const mine = missed.filter((e) => channelOf(e.type) === subscriber.channel && mayReceive(subscriber.actor, e));
    if (subscriber.channel !== 'visits') return mine;
    // Checked again against today's teams: the audience was worked out when the event happened.
    const visitOf = (e: EventEnvelope) => (e.data.visit as VisitSummary).id;
    const visible = await visibleVisitIds(db, subscriber.actor, [...new Set(mine.map(visitOf))]);
    return mine.filter((e) => visible.has(visitOf(e)));
  }

  /** Replays what the client missed (or tells it to refetch), then lets live events through in order. */
  async function synchronize(subscriber: Subscriber, lastEventId: number | null) {
    let control: RealtimeControl;
    let liveAfter: number;
    const missed = lastEventId === null ? [] : await missedEvents(subscriber, lastEventId);
    if (missed === null || lastEventId === null) {
      liveAfter = await transport.latestId();
      control =
        missed === null
          ? { type: 'refetch', lastEventId: liveAfter }
          : { type: 'ready', lastEventId: liveAfter, replayed: 0 };
    } else {
      for (const event of missed) send(subscriber, frame(event));
      if (missed.length > 0) metrics.delivered.inc({ channel: subscriber.channel }, missed.length);
      liveAfter = Math.max(lastEventId, missed.at(-1)?.id ?? lastEventId);
      control = { type: 'ready', lastEventId: liveAfter, replayed: missed.length };
    }
    send(subscriber, JSON.stringify(control));
    const pending = (subscriber.pending ?? []).filter((event) => event.id > liveAfter);
    subscriber.pending = null;
    for (const event of pending) send(subscriber, frame(event));
    if (pending.length > 0) metrics.delivered.inc({ channel: subscriber.channel }, pending.length);
  }

  /** Sessions among these that are still live (not revoked or expired, user active). */
  async function liveSessions(sessionIds: string[]): Promise<Set<string>> {
    const rows = await db
      .select({ id: schema.sessions.id })
      .from(schema.sessions)
      .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
      .where(
        and(
          inArray(schema.sessions.id, sessionIds),
          isNull(schema.sessions.revokedAt),
          gt(schema.sessions.expiresAt, new Date()),
          eq(schema.users.isActive, true),
          isNull(schema.users.deletedAt),
        ),
      );
    return new Set(rows.map((row) => row.id));
  }

  let sweeping = false;
  async function sweep() {
    if (sweeping) return;
    sweeping = true;
    try {
      for (const subscriber of all) {
        if (!subscriber.alive) {
          metrics.dropped.inc({ reason: 'heartbeat' });
          subscriber.socket.terminate();
          continue;
        }
        subscriber.alive = false;
        subscriber.socket.ping();
      }
      if (all.size === 0) return;
      // Logout, deactivation and token-reuse revocation end open sockets too, within one heartbeat.
      const live = await liveSessions([...new Set([...all].map((s) => s.actor.sessionId))]);
      for (const subscriber of all) {
        if (live.has(subscriber.actor.sessionId)) continue;
        metrics.dropped.inc({ reason: 'session' });
        subscriber.socket.close(REALTIME_CLOSE.sessionEnded, 'session ended');
      }
    } catch (error) {
      log.warn({ err: { message: (error as Error).message } }, 'realtime heartbeat sweep failed');
    } finally {
      sweeping = false;
    }
  }
  const heartbeat = setInterval(() => void sweep(), options.heartbeatMs);
  heartbeat.unref();

  return {
    /** Takes an authenticated socket; `lastEventId` asks for the events missed since. */
    async attach(socket: WebSocket, actor: Actor, channel: RealtimeChannel, lastEventId: number | null) {
      const subscriber: Subscriber = { socket, actor, channel, alive: true, pending: [] };
      all.add(subscriber);
      add(byUser, actor.id, subscriber);
      add(byRole, actor.role, subscriber);
      metrics.sockets.inc({ channel });
      socket.on('pong', () => {
        subscriber.alive = true;
      });
      socket.on('close', () => {
        all.delete(subscriber);
        remove(byUser, actor.id, subscriber);
        remove(byRole, actor.role, subscriber);
        metrics.sockets.dec({ channel });
      });
      // Clients have nothing to say on these channels; anything they send is ignored.
      socket.on('message', () => {});
      try {
        await synchronize(subscriber, lastEventId);
      } catch (error) {
        log.error({ err: { message: (error as Error).message } }, 'realtime replay failed');
        socket.close(1011, 'replay unavailable; reconnect');
      }
    },

    get size() {
      return all.size;
    },

    /** Graceful shutdown: every socket is told to reconnect (to another replica) after a short, spread delay. */
    refetchAll,
    closeAll(code: number, reason: () => string) {
      for (const subscriber of all) subscriber.socket.close(code, reason());
    },

    stop() {
      clearInterval(heartbeat);
    },
  };
}
