import { z } from 'zod';
import { notificationViewSchema } from './notifications';

/**
 * Live updates over WebSocket (`/ws/visits`, `/ws/notifications`). Events are hints that
 * something changed, carrying ids, statuses and times but no clinical content: an app refetches
 * the record through the REST API, whose response shapes apply the field-level rules.
 */
export const VISIT_EVENT_TYPES = ['visit.updated', 'visit.checked_in', 'visit.checked_out', 'evv.exception'] as const;
export const NOTIFICATION_EVENT_TYPES = [
  'notification.new',
  'emergency.alert',
  'message.new',
  'budget.alert',
  'careplan.review_due',
] as const;
export const REALTIME_EVENT_TYPES = [...VISIT_EVENT_TYPES, ...NOTIFICATION_EVENT_TYPES] as const;
export type VisitEventType = (typeof VISIT_EVENT_TYPES)[number];
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];
export type RealtimeEventType = (typeof REALTIME_EVENT_TYPES)[number];

export const REALTIME_CHANNELS = ['visits', 'notifications'] as const;
export type RealtimeChannel = (typeof REALTIME_CHANNELS)[number];

export function channelOf(type: RealtimeEventType): RealtimeChannel {
  return (VISIT_EVENT_TYPES as readonly string[]).includes(type) ? 'visits' : 'notifications';
}

/**
 * Every stored notification raises an event on `/ws/notifications` (the inbox changed):
 * `notification.new`, or the type of its own for these categories. Emergencies and messages
 * also raise `emergency.alert` / `message.new` from their modules, once per change.
 */
export const NOTIFICATION_CATEGORY_EVENTS: Readonly<Record<string, NotificationEventType>> = {
  BUDGET_ALERT: 'budget.alert',
  CARE_PLAN_REVIEW: 'careplan.review_due',
};

export function notificationEventType(category: string): NotificationEventType {
  return NOTIFICATION_CATEGORY_EVENTS[category] ?? 'notification.new';
}

export const visitSummarySchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  workerId: z.uuid().nullable(),
  status: z.string(),
  scheduledStart: z.string(),
  scheduledEnd: z.string(),
  version: z.number().int(),
  deleted: z.boolean(),
});
export type VisitSummary = z.infer<typeof visitSummarySchema>;

export const evvExceptionSummarySchema = z.object({
  id: z.uuid(),
  type: z.string(),
  status: z.string(),
});

export const visitEventDataSchema = z.object({
  visit: visitSummarySchema,
  /** On `evv.exception`: the exception raised or resolved. */
  exception: evvExceptionSummarySchema.optional(),
});
export type VisitEventData = z.infer<typeof visitEventDataSchema>;

/** `notification.new`, `budget.alert`, `careplan.review_due`: the recipient's own new notification. */
export const notificationEventDataSchema = z.object({ notification: notificationViewSchema });
export const messageEventDataSchema = z.object({
  conversationId: z.uuid(),
  messageId: z.uuid(),
  senderId: z.uuid(),
});
export const emergencyEventDataSchema = z.object({
  alertId: z.uuid(),
  status: z.enum(['OPEN', 'ACKNOWLEDGED', 'RESOLVED']),
  event: z.enum(['RAISED', 'REPEATED', 'ACKNOWLEDGED', 'ESCALATED', 'RESOLVED']),
});

const eventFields = { id: z.number().int().positive(), at: z.string() };
export const visitEventSchema = z.object({
  ...eventFields,
  type: z.enum(VISIT_EVENT_TYPES),
  data: visitEventDataSchema,
});
export const notificationEventSchema = z.object({
  ...eventFields,
  type: z.enum(['notification.new', 'budget.alert', 'careplan.review_due']),
  data: notificationEventDataSchema,
});
export const messageEventSchema = z.object({
  ...eventFields,
  type: z.literal('message.new'),
  data: messageEventDataSchema,
});
export const emergencyEventSchema = z.object({
  ...eventFields,
  type: z.literal('emergency.alert'),
  data: emergencyEventDataSchema,
});
/** What a socket receives for each event; `id` only grows, across every API replica. */
export const realtimeEventSchema = z.union([
  visitEventSchema,
  notificationEventSchema,
  messageEventSchema,
  emergencyEventSchema,
]);
export type RealtimeEvent = z.infer<typeof realtimeEventSchema>;

/**
 * Control frames. `ready`: replay (if asked) is done and live events follow; keep `lastEventId`
 * to resume from. `refetch`: the missed events are no longer in the replay log; reload through
 * REST, then carry on with the live events.
 */
export const realtimeControlSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), lastEventId: z.number().int().nonnegative(), replayed: z.number().int() }),
  z.object({ type: z.literal('refetch'), lastEventId: z.number().int().nonnegative() }),
]);
export type RealtimeControl = z.infer<typeof realtimeControlSchema>;
export type RealtimeFrame = RealtimeEvent | RealtimeControl;

/** The subprotocol the server answers with; a client may also offer `bearer.<access token>` beside it. */
export const REALTIME_PROTOCOL = 'caretracker.v1';
export const REALTIME_BEARER_PROTOCOL_PREFIX = 'bearer.';

/** Close codes: 1012 on restart (reconnect after the hinted delay), 4401 when the session has ended. */
export const REALTIME_CLOSE = { serviceRestart: 1012, sessionEnded: 4401 } as const;
