import { z } from 'zod';

/**
 * `GET /careplans/:id/versions/diff`: what changed between two kept versions of a plan, field by
 * field. List items are matched by their id (goals, medications) or code (activities); codes and
 * skills by value.
 */
export const carePlanDiffQuerySchema = z
  .object({
    /** The earlier version (default: the one before `to`). */
    from: z.coerce.number().int().min(1).optional(),
    /** The later version (default: the latest). */
    to: z.coerce.number().int().min(1).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: 'must be after from',
    path: ['to'],
  });
export type CarePlanDiffQuery = z.infer<typeof carePlanDiffQuerySchema>;

export const CARE_PLAN_CHANGE_KINDS = ['ADDED', 'REMOVED', 'CHANGED'] as const;

export const carePlanChangeSchema = z.object({
  /** The plan's field: `title`, `nextReviewOn`, `goals`, `medications`, `diagnosisCodes`… */
  field: z.string(),
  kind: z.enum(CARE_PLAN_CHANGE_KINDS),
  /** For lists: the item's id, code or value. */
  itemKey: z.string().nullable(),
  /** For lists: what the item is called (goal description, medication or activity name). */
  itemLabel: z.string().nullable(),
  /** For a changed list item: which of its properties. */
  property: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type CarePlanChange = z.infer<typeof carePlanChangeSchema>;

const versionMetaSchema = z.object({
  version: z.number().int(),
  changeSummary: z.string().nullable(),
  changedBy: z.uuid().nullable(),
  changedAt: z.string(),
});

export const carePlanDiffSchema = z.object({
  carePlanId: z.uuid(),
  from: versionMetaSchema,
  to: versionMetaSchema,
  changes: z.array(carePlanChangeSchema),
});
export type CarePlanDiff = z.infer<typeof carePlanDiffSchema>;
