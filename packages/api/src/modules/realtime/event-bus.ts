import type { Executor } from '@caretracker/database';
import { notificationEventType, type RealtimeEventType, type VisitEventType } from '@caretracker/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { LiveEvent } from '../notifications/service';
import { afterCommit } from './after-commit';
import type { RealtimeMetrics } from './metrics';
import type { Audience, EventTransport, NewEvent } from './transport';
import { type ExceptionSummary, visitAudiences, visitEventsFor } from './visit-events';

export interface PublishInput {
  type: RealtimeEventType;
  audience: Audience;
  data: Record<string, unknown>;
}

export type EventBus = ReturnType<typeof createEventBus>;

/** Events kept back while Redis is away, at most; past it the oldest are dropped (the refetch after the outage covers them). */
const MAX_HELD = 5_000;
const RETRY_MS = 1_000;

/**
 * Live-update events. `publish` may be called anywhere, in or out of a transaction: the event
 * leaves only once the change it announces has committed. A failure to publish is logged and
 * counted, never thrown: the change is already done. The event is kept and sent again, in order,
 * once the transport takes it (Redis back), so the other replicas' sockets get it too; meanwhile
 * this process's sockets are told to refetch.
 */
export function createEventBus(deps: {
  transport: EventTransport;
  metrics: RealtimeMetrics;
  log: FastifyBaseLogger;
  /** Called when an event could not be published (Redis away): its listeners must reload instead. */
  onLost?: () => void;
}) {
  const { transport, metrics, log } = deps;
  const inFlight = new Set<Promise<void>>();
  /** Not published yet (the transport failed), oldest first; later events wait behind them. */
  const held: NewEvent[] = [];
  let retry: NodeJS.Timeout | null = null;
  let stopped = false;

  function hold(event: NewEvent) {
    held.push(event);
    if (held.length > MAX_HELD) {
      held.shift();
      log.error({ held: MAX_HELD }, 'realtime events held back past the limit; the oldest dropped');
    }
    if (!retry && !stopped) {
      retry = setTimeout(() => void sendHeld(), RETRY_MS);
      retry.unref();
    }
  }

  async function sendHeld() {
    retry = null;
    while (held.length > 0 && !stopped) {
      const event = held[0]!;
      try {
        await transport.append(event);
      } catch {
        retry = setTimeout(() => void sendHeld(), RETRY_MS);
        retry.unref();
        return;
      }
      held.shift();
      metrics.published.inc({ type: event.type });
    }
    if (held.length === 0) log.info('realtime events held during the outage published');
  }

  function send(event: NewEvent) {
    if (held.length > 0) return hold(event);
    const sending: Promise<void> = transport
      .append(event)
      .then(() => {
        metrics.published.inc({ type: event.type });
      })
      .catch((error: Error) => {
        metrics.publishFailures.inc();
        log.error({ err: { message: error.message }, type: event.type }, 'realtime event not published; held');
        hold(event);
        deps.onLost?.();
      })
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  }

  function publish(event: PublishInput): void {
    if (event.audience.userIds.length === 0 && event.audience.roles.length === 0) return;
    afterCommit(() => send({ ...event, at: new Date().toISOString() }));
  }

  return {
    transport,
    publish,

    /**
     * A change to these visits, told to everyone who may read each (read with `executor`, so
     * inside the operation's transaction it sees the change). `exceptions` raised or resolved
     * with it add one `evv.exception` event each; with type `evv.exception` only those are sent.
     * `formerWorkers`: the care workers the visits were taken from (a reassignment), who may no
     * longer read them but have them on screen: they hear of it too, so the visit leaves their day.
     */
    async visitChanged(
      executor: Executor,
      type: VisitEventType,
      visitIds: string[],
      exceptions: ExceptionSummary[] = [],
      formerWorkers: Array<string | null> = [],
    ): Promise<void> {
      const former = formerWorkers.filter((id): id is string => id !== null);
      for (const row of await visitAudiences(executor, visitIds)) {
        const audience = former.length
          ? { ...row.audience, userIds: [...new Set([...row.audience.userIds, ...former])] }
          : row.audience;
        for (const event of visitEventsFor(type, row, exceptions)) publish({ ...event, audience });
      }
    },

    /**
     * The notifier's live hook (`notifier.subscribe`): notifications, messages and emergencies,
     * each to the users the module named. Inside a transaction it still waits for the commit.
     */
    fromNotifier(event: LiveEvent): void {
      const audience: Audience = { userIds: [...new Set(event.userIds)], roles: [] };
      switch (event.type) {
        case 'notification.created':
          publish({
            type: notificationEventType(event.notification.category),
            audience,
            data: { notification: event.notification },
          });
          return;
        case 'message.created':
          publish({
            type: 'message.new',
            audience,
            data: { conversationId: event.conversationId, messageId: event.messageId, senderId: event.senderId },
          });
          return;
        case 'emergency.changed':
          publish({
            type: 'emergency.alert',
            audience,
            data: { alertId: event.alertId, status: event.status, event: event.event },
          });
          return;
      }
    },

    /** Resolves once every event handed to the transport so far has been published (or failed and held). */
    async flush(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },

    /** Events waiting for the transport (Redis away). */
    get held(): number {
      return held.length;
    },

    /** Shutdown: no more retries (events still held are lost; the next connection's refetch covers them). */
    stop(): void {
      stopped = true;
      if (retry) clearTimeout(retry);
      if (held.length > 0) log.warn({ held: held.length }, 'realtime events still held at shutdown');
    },
  };
}
