import type { Role } from './roles';

/**
 * PRODUCT.md role matrix, rows "visits", "private visit notes" and "billing fields", for one
 * visit the caller can already see (outsiders never get this far: they get 404).
 */
export const VISIT_BILLING_FIELDS = ['rateCents', 'costCents', 'billableMinutes'] as const;

export const canReadVisitBilling = (role: Role) => role === 'SUPERVISOR' || role === 'ADMIN';
export const canReadPrivateNotes = (role: Role) => role !== 'CLIENT';

/** Documentation a worker writes at check-out and may correct (with a reason) for 24 hours after. */
export const VISIT_DOCUMENTATION_FIELDS = [
  'performedActivities',
  'notes',
  'privateNotes',
  'vitals',
  'clientSatisfaction',
  'followUpRequired',
  'followUpNote',
] as const;
/** How long after check-out a worker may still amend their own documentation. */
export const WORKER_AMENDMENT_WINDOW_HOURS = 24;

const SCHEDULING_FIELDS = ['workerId', 'scheduledStart', 'scheduledEnd', 'serviceType', 'plannedActivities'] as const;

/** Fields of `PUT /visits/:id` each role may write on a visit it sees. */
export const VISIT_WRITABLE_FIELDS: Record<Role, readonly string[]> = {
  CLIENT: [],
  // Before check-out, workers keep notes; the rest of the documentation comes with check-out.
  WORKER: ['notes', 'privateNotes'],
  SUPERVISOR: [...SCHEDULING_FIELDS, ...VISIT_DOCUMENTATION_FIELDS, 'clientSignature'],
  // Admins read private notes but do not write them; they alone write billing.
  ADMIN: [
    ...SCHEDULING_FIELDS,
    ...VISIT_DOCUMENTATION_FIELDS.filter((field) => field !== 'privateNotes'),
    'clientSignature',
    'rateCents',
    'billableMinutes',
  ],
};

export type VisitAction = 'book' | 'request' | 'confirm' | 'cancel' | 'reschedule' | 'noShow' | 'review' | 'delete';

/** Lifecycle actions per role (clients: own visits; workers: own assignments; supervisors: their team's). */
export const VISIT_ACTIONS: Record<Role, readonly VisitAction[]> = {
  CLIENT: ['request', 'confirm', 'cancel'],
  WORKER: ['confirm'],
  SUPERVISOR: ['book', 'confirm', 'cancel', 'reschedule', 'noShow', 'review'],
  ADMIN: ['book', 'confirm', 'cancel', 'reschedule', 'noShow', 'review', 'delete'],
};

export const canDoVisitAction = (role: Role, action: VisitAction) => VISIT_ACTIONS[role].includes(action);
