import { z } from 'zod';

/**
 * A client's care team (`/users/:id/care-team`): the primary worker, backup workers and the
 * supervisor. Assignments keep their dates: an ended one stays on the record as history.
 */
export const CARE_TEAM_ROLES = ['PRIMARY', 'BACKUP'] as const;
export type CareTeamRole = (typeof CARE_TEAM_ROLES)[number];

const isoDate = z.iso.date();
const personSchema = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() });

export const careTeamMemberSchema = z.object({
  id: z.uuid(),
  worker: personSchema.extend({ isActive: z.boolean() }),
  assignmentRole: z.enum(CARE_TEAM_ROLES),
  startsOn: isoDate,
  /** Last day on the team; null while open-ended. */
  endsOn: isoDate.nullable(),
  /** On the team today, from a later day, or no longer (the agency's day). */
  standing: z.enum(['CURRENT', 'UPCOMING', 'ENDED']),
  version: z.number().int(),
});
export type CareTeamMember = z.infer<typeof careTeamMemberSchema>;

export const careTeamSchema = z.object({
  clientId: z.uuid(),
  /** The client's supervisor; null when none is set. */
  supervisor: personSchema.nullable(),
  /** Current and future members first (primary first), then those whose time on the team has ended. */
  members: z.array(careTeamMemberSchema),
});
export type CareTeam = z.infer<typeof careTeamSchema>;

const datesRefined = <T extends { startsOn?: string | undefined; endsOn?: string | null | undefined }>(body: T) =>
  !body.startsOn || !body.endsOn || body.endsOn >= body.startsOn;
const datesMessage = { message: 'The last day cannot be before the first day', path: ['endsOn'] };

export const assignCareTeamBodySchema = z
  .object({
    workerId: z.uuid(),
    assignmentRole: z.enum(CARE_TEAM_ROLES),
    /** Defaults to today (the agency's day). */
    startsOn: isoDate.optional(),
    endsOn: isoDate.nullable().optional(),
  })
  .strict()
  .refine(datesRefined, datesMessage);
export type AssignCareTeamBody = z.infer<typeof assignCareTeamBodySchema>;

export const changeCareTeamBodySchema = z
  .object({
    assignmentRole: z.enum(CARE_TEAM_ROLES).optional(),
    startsOn: isoDate.optional(),
    endsOn: isoDate.nullable().optional(),
    /** The version read, to refuse a lost update (409). */
    version: z.number().int().optional(),
  })
  .strict()
  .refine(datesRefined, datesMessage);
export type ChangeCareTeamBody = z.infer<typeof changeCareTeamBodySchema>;

export const endCareTeamBodySchema = z
  .object({
    /** Last day on the team; defaults to today (the agency's day). */
    endsOn: isoDate.optional(),
  })
  .strict();
export type EndCareTeamBody = z.infer<typeof endCareTeamBodySchema>;
