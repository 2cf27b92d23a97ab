import { z } from 'zod';

/**
 * What a client says about their visits from the portal: a rating of a completed visit
 * (`PUT /visits/:id/rating`) and a request to change an upcoming one (`POST /visits/:id/change-request`).
 */

/** How long after first rating a visit the client may still change the rating. */
export const RATING_EDIT_DAYS = 7;

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true });

export const rateVisitBodySchema = z.strictObject({
  stars: z.number().int().min(1).max(5),
  /** Optional; an empty comment clears it. */
  comment: z
    .string()
    .trim()
    .max(1000)
    .nullish()
    .transform((value) => (value ? value : null)),
});
export type RateVisitBody = z.input<typeof rateVisitBodySchema>;

export const visitRatingViewSchema = z.object({
  stars: z.number().int(),
  comment: z.string().nullable(),
  ratedAt: z.string(),
  updatedAt: z.string(),
  /** Until when the client may still change it. */
  editableUntil: z.string(),
});
export type VisitRatingView = z.infer<typeof visitRatingViewSchema>;

export const visitChangeRequestBodySchema = z
  .strictObject({
    preferredStart: instant,
    preferredEnd: instant,
    note: text(1000),
  })
  .refine((v) => Date.parse(v.preferredEnd) > Date.parse(v.preferredStart), {
    message: 'must be after preferredStart',
    path: ['preferredEnd'],
  });
export type VisitChangeRequestBody = z.input<typeof visitChangeRequestBodySchema>;

export const visitChangeRequestViewSchema = z.object({
  visitId: z.uuid(),
  preferredStart: z.string(),
  preferredEnd: z.string(),
  requestedAt: z.string(),
  /** Whether a supervisor was there to tell; when not, the client should call the office. */
  supervisorNotified: z.boolean(),
});
export type VisitChangeRequestView = z.infer<typeof visitChangeRequestViewSchema>;
