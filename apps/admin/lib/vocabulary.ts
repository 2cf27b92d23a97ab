import type { EvvExceptionType, EvvReasonCode, VisitAttention, VisitStatus } from '@caretracker/shared';

// The shared vocabularies as values without importing packages/shared at run time (zod stays out
// of the browser); `satisfies` makes any drift from packages/shared a compile error.

export const VISIT_STATUS_LIST = [
  'SCHEDULED',
  'CONFIRMED',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
  'RESCHEDULED',
] as const satisfies readonly VisitStatus[];

export const ATTENTION_LIST = ['UPCOMING', 'LATE', 'MISSED'] as const satisfies readonly VisitAttention[];

export const REASON_CODES = [
  'GPS_INACCURATE',
  'SERVICE_IN_COMMUNITY',
  'CLIENT_REQUESTED_TIME_CHANGE',
  'WORKER_LATE_TRAFFIC',
  'WORKER_FORGOT_TO_CALL',
  'DEVICE_FAILURE',
  'EMERGENCY',
  'CLIENT_UNAVAILABLE',
  'SCHEDULE_ERROR',
  'DOCUMENTATION_CORRECTION',
  'OTHER',
] as const satisfies readonly EvvReasonCode[];

export const EXCEPTION_TYPES = [
  'CHECKIN_OUTSIDE_GEOFENCE',
  'CHECKOUT_OUTSIDE_GEOFENCE',
  'LATE_CHECKIN',
  'EARLY_CHECKIN',
  'EARLY_CHECKOUT',
  'LATE_CHECKOUT',
  'MISSED_CHECKIN',
] as const satisfies readonly EvvExceptionType[];

/** The kinds of visit, in the order the office picks from. */
export { SERVICE_TYPE_KEYS as SERVICE_TYPE_LIST } from '@caretracker/shared/evv';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** How a visit's standing reads as a badge: its attention flag first, then its status. */
export function standing(visit: { status: VisitStatus; attention: VisitAttention | null }): {
  key: string;
  tone: BadgeTone;
} {
  if (visit.attention === 'LATE') return { key: 'attention.LATE', tone: 'warning' };
  if (visit.attention === 'MISSED') return { key: 'attention.MISSED', tone: 'danger' };
  const tones: Record<VisitStatus, BadgeTone> = {
    SCHEDULED: 'neutral',
    CONFIRMED: 'info',
    IN_PROGRESS: 'info',
    COMPLETED: 'success',
    CANCELLED: 'neutral',
    NO_SHOW: 'danger',
    RESCHEDULED: 'neutral',
  };
  return { key: `status.${visit.status}`, tone: tones[visit.status] };
}

export const fullName = (person: { firstName: string; lastName: string } | null | undefined) =>
  person ? `${person.firstName} ${person.lastName}` : '';
