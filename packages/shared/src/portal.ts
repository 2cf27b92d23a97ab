import { z } from 'zod';
import { ALERT_LEVELS } from './budgets';
import { SERVICE_TYPE_KEYS } from './evv';
import { VISIT_STATUSES } from './visit-state';

/**
 * The client portal's first screen in one request (`GET /portal/home`): the next visit and who
 * is coming, the budget left this period, unread messages, the care plan's review date and how
 * to reach the office. Only the caller's own records; clients only (others 403).
 */
const personNameSchema = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() });

export const portalNextVisitSchema = z.object({
  id: z.uuid(),
  status: z.enum(VISIT_STATUSES),
  serviceType: z.enum(SERVICE_TYPE_KEYS),
  scheduledStart: z.string(),
  scheduledEnd: z.string(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  /** Who is coming; null while the office has not assigned anyone yet. `hasPhoto`: `GET /users/:id/photo` serves one. */
  worker: personNameSchema.extend({ hasPhoto: z.boolean() }).nullable(),
});
export type PortalNextVisit = z.infer<typeof portalNextVisitSchema>;

export const portalBudgetSchema = z.object({
  id: z.uuid(),
  periodStart: z.string(),
  periodEnd: z.string(),
  allocationCents: z.number().int(),
  /** Spent and waiting for approval. */
  usedCents: z.number().int(),
  /** allocation − spent − pending: what is left this period. */
  remainingCents: z.number().int(),
  /** Booked visits still to come, at their cost (they will use part of what is left). */
  committedCents: z.number().int(),
  utilizationPct: z.number().nullable(),
  alertLevel: z.enum(ALERT_LEVELS),
});

export const portalCareTeamMemberSchema = personNameSchema.extend({
  assignmentRole: z.enum(['PRIMARY', 'BACKUP']),
});

export const portalOfficeSchema = z.object({
  /** The client's supervisor (the office person who looks after them); null when none is set. */
  supervisor: personNameSchema.nullable(),
  /** The agency's phone number (AGENCY_PHONE). */
  phone: z.string(),
});

export const portalHomeSchema = z.object({
  asOf: z.string(),
  /** The client's own time zone (profile), else the agency's. */
  timeZone: z.string(),
  nextVisit: portalNextVisitSchema.nullable(),
  /** Visits still to come (not cancelled), including the next one. */
  upcomingCount: z.number().int(),
  /** The active budget that covers today; null when there is none. */
  budget: portalBudgetSchema.nullable(),
  unreadMessages: z.number().int(),
  carePlan: z.object({ id: z.uuid(), title: z.string(), nextReviewOn: z.string() }).nullable(),
  office: portalOfficeSchema,
});
export type PortalHome = z.infer<typeof portalHomeSchema>;

/** `GET /portal/care-team`: the people who look after the client and how to reach the office. */
export const portalCareTeamSchema = z.object({
  workers: z.array(portalCareTeamMemberSchema),
  office: portalOfficeSchema,
});
export type PortalCareTeam = z.infer<typeof portalCareTeamSchema>;
