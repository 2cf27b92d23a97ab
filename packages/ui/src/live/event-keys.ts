import type { RealtimeChannel, RealtimeEvent } from '@caretracker/shared';
import { defaultLiveKeys, type LiveKeys, type QueryKey } from './query-keys';

/**
 * Which queries each live event changes: the one place that says so. Events are hints without
 * clinical content, so the screens refetch through REST (whose answers apply the field rules).
 */
export function keysForEvent(event: RealtimeEvent, keys: LiveKeys = defaultLiveKeys): QueryKey[] {
  switch (event.type) {
    case 'visit.updated': {
      // Booked, moved, cancelled or deleted: schedules, who is free, and the committed budget.
      const { visit } = event.data;
      return [keys.visitLists(), keys.visit(visit.id), keys.workerAvailability(), keys.clientBudgets(visit.clientId)];
    }
    case 'visit.checked_in':
      return [keys.visitLists(), keys.visit(event.data.visit.id)];
    case 'visit.checked_out': {
      // Check-out books the visit's cost against the client's budget.
      const { visit } = event.data;
      return [keys.visitLists(), keys.visit(visit.id), keys.clientBudgets(visit.clientId)];
    }
    case 'evv.exception':
      return [keys.visit(event.data.visit.id), keys.evvExceptionLists()];
    case 'notification.new':
      return [keys.notifications()];
    case 'budget.alert': {
      const budgetId = event.data.notification.entityId;
      return [keys.notifications(), budgetId ? keys.budget(budgetId) : keys.allBudgets()];
    }
    case 'careplan.review_due': {
      const planId = event.data.notification.entityId;
      return [keys.notifications(), keys.carePlanLists(), ...(planId ? [keys.carePlan(planId)] : [])];
    }
    case 'message.new':
      return [keys.conversationLists(), keys.conversation(event.data.conversationId)];
    case 'emergency.alert':
      return [keys.emergencyLists(), keys.emergency(event.data.alertId)];
  }
}

/**
 * Everything a channel's events can change: what a `refetch` answer (the missed events are gone
 * from the replay log, or the server restarted) invalidates, since nobody can tell what changed.
 */
export function keysForChannel(channel: RealtimeChannel, keys: LiveKeys = defaultLiveKeys): QueryKey[] {
  if (channel === 'visits') {
    return [keys.allVisits(), keys.evvExceptionLists(), keys.workerAvailability(), keys.allBudgets()];
  }
  return [
    keys.notifications(),
    keys.allConversations(),
    keys.allEmergencies(),
    keys.allBudgets(),
    keys.carePlanLists(),
  ];
}
