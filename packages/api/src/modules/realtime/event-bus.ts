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

/**
 * Live-update events. `publish` may be called anywhere, in or out of a transaction: the event
 * leaves only once the change it announces has committed. A failure to publish is logged and
 * counted, never thrown: the change is already done, and clients that reconnect are told to
 * refetch when their gap cannot be replayed.
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

  function send(event: NewEvent) {
    const sending: Promise<void> = transport
      .append(event)
      .then(() => {
        metrics.published.inc({ type: event.type });
      })
      .catch((error: Error) => {
        metrics.publishFailures.inc();
        log.error({ err: { message: error.message }, type: event.type }, 'realtime event not published');
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
     */
    async visitChanged(
      executor: Executor,
      type: VisitEventType,
      visitIds: string[],
      exceptions: ExceptionSummary[] = [],
    ): Promise<void> {
      for (const row of await visitAudiences(executor, visitIds)) {
        for (const event of visitEventsFor(type, row, exceptions)) publish({ ...event, audience: row.audience });
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

    /** Resolves once every event handed to the transport so far has been published (or failed). */
    async flush(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
