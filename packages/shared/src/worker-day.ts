import { z } from 'zod';
import { carePlanViewSchema } from './care-plans';
import { userViewSchema } from './users';
import { visitDetailViewSchema } from './visit-views';

/** The notes the previous completed visit left for whoever comes next (never its private notes). */
export const lastVisitNotesSchema = z.object({
  visitId: z.uuid(),
  /** When it ended (or was booked to end, if no check-out time was kept). */
  endedAt: z.string(),
  workerFirstName: z.string().nullable(),
  notes: z.string().nullable(),
  followUpNote: z.string().nullable(),
});
export type LastVisitNotes = z.infer<typeof lastVisitNotesSchema>;

/**
 * `GET /visits/:id/briefing`: what a care worker reads before and during a visit, in one answer:
 * the visit, the client's briefing fields (as the caller may read them), the care plan's essentials
 * (null when the caller may not read the plan, or there is none), and the last visit's notes.
 */
export const visitBriefingSchema = z.object({
  visit: visitDetailViewSchema,
  client: userViewSchema.nullable(),
  carePlan: carePlanViewSchema.nullable(),
  lastVisit: lastVisitNotesSchema.nullable(),
});
export type VisitBriefing = z.infer<typeof visitBriefingSchema>;
