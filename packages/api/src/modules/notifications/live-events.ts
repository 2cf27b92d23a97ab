import type { NotificationView } from '@caretracker/shared';
import type { FastifyBaseLogger } from 'fastify';

/**
 * What happened, after it committed, and who may hear of it. Live delivery (WebSockets, built
 * elsewhere) subscribes through `notifier.subscribe` and pushes each event to `userIds`.
 */
export type LiveEvent =
  | { type: 'notification.created'; userIds: string[]; notification: NotificationView }
  | { type: 'message.created'; userIds: string[]; conversationId: string; messageId: string; senderId: string }
  | {
      type: 'emergency.changed';
      userIds: string[];
      alertId: string;
      status: 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';
      event: 'RAISED' | 'REPEATED' | 'ACKNOWLEDGED' | 'ESCALATED' | 'RESOLVED';
    };

export type LiveListener = (event: LiveEvent) => void;

/** An in-process fan-out; a listener's failure is logged and never reaches the request. */
export function createLiveEvents(log?: FastifyBaseLogger) {
  const listeners = new Set<LiveListener>();
  return {
    subscribe(listener: LiveListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(event: LiveEvent): void {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          log?.error({ err: error, event: event.type }, 'live event listener failed');
        }
      }
    },
  };
}
