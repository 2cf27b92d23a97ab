/**
 * The visit lifecycle, shared by the API (which enforces it) and the apps (which only offer
 * what is allowed). SCHEDULED → CONFIRMED → IN_PROGRESS → COMPLETED, plus CANCELLED, NO_SHOW
 * and RESCHEDULED (which links the old visit to its replacement).
 */
export const VISIT_STATUSES = [
  'SCHEDULED',
  'CONFIRMED',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
  'RESCHEDULED',
] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const VISIT_TRANSITIONS: Record<VisitStatus, readonly VisitStatus[]> = {
  SCHEDULED: ['CONFIRMED', 'IN_PROGRESS', 'CANCELLED', 'NO_SHOW', 'RESCHEDULED'],
  CONFIRMED: ['IN_PROGRESS', 'CANCELLED', 'NO_SHOW', 'RESCHEDULED'],
  IN_PROGRESS: ['COMPLETED'],
  COMPLETED: [],
  CANCELLED: [],
  NO_SHOW: [],
  RESCHEDULED: [],
};

/** Statuses whose time still blocks the worker's calendar (the exclusion constraint's filter). */
export const BOOKED_STATUSES: readonly VisitStatus[] = ['SCHEDULED', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED'];
/** Statuses after which a visit no longer changes except by a recorded amendment. */
export const FINAL_STATUSES: readonly VisitStatus[] = ['COMPLETED', 'CANCELLED', 'NO_SHOW', 'RESCHEDULED'];

export function canTransition(from: VisitStatus, to: VisitStatus): boolean {
  return VISIT_TRANSITIONS[from].includes(to);
}

export function allowedTransitions(from: VisitStatus): readonly VisitStatus[] {
  return VISIT_TRANSITIONS[from];
}
