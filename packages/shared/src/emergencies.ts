import { z } from 'zod';
import { paginationQuerySchema } from './envelope';

export const EMERGENCY_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export type EmergencyStatus = (typeof EMERGENCY_STATUSES)[number];

/** REPEATED: the button pressed again for the same client and visit while the alert is unresolved and recent. */
export const EMERGENCY_EVENT_TYPES = [
  'RAISED',
  'REPEATED',
  'NOTIFIED',
  'ACKNOWLEDGED',
  'ESCALATED',
  'RESOLVED',
] as const;

const note = (max: number) => z.string().trim().min(1).max(max);

/** A worker names their visit; a client raises for themself (a visit is optional). */
export const raiseEmergencyBodySchema = z
  .strictObject({
    visitId: z.uuid().optional(),
    message: note(2000).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
  })
  .refine((body) => (body.lat === undefined) === (body.lng === undefined), {
    message: 'give both lat and lng, or neither',
    path: ['lng'],
  });
export type RaiseEmergencyBody = z.infer<typeof raiseEmergencyBodySchema>;

export const acknowledgeEmergencyBodySchema = z.strictObject({ note: note(2000).optional() });
export const resolveEmergencyBodySchema = z.strictObject({ note: note(2000) });

export const listEmergenciesQuerySchema = paginationQuerySchema.extend({
  status: z.enum(EMERGENCY_STATUSES).optional(),
  clientId: z.uuid().optional(),
});
export type ListEmergenciesQuery = z.infer<typeof listEmergenciesQuerySchema>;

const person = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), role: z.string() });

export const emergencyEventViewSchema = z.object({
  id: z.uuid(),
  type: z.enum(EMERGENCY_EVENT_TYPES),
  actorId: z.uuid().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const emergencySummarySchema = z.object({
  id: z.uuid(),
  status: z.enum(EMERGENCY_STATUSES),
  client: person,
  raisedBy: person,
  visitId: z.uuid().nullable(),
  message: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  createdAt: z.string(),
  acknowledgedBy: z.uuid().nullable(),
  acknowledgedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  resolvedBy: z.uuid().nullable(),
  resolvedAt: z.string().nullable(),
  resolutionNote: z.string().nullable(),
});
export type EmergencySummary = z.infer<typeof emergencySummarySchema>;

export const emergencyViewSchema = emergencySummarySchema.extend({ timeline: z.array(emergencyEventViewSchema) });
export type EmergencyView = z.infer<typeof emergencyViewSchema>;
