import { z } from 'zod';

/**
 * Family members who act for a client with their own CLIENT-role login (PRODUCT.md "family"):
 * they see what the client sees. Admins link and unlink them on the client's record.
 */
export const familyMemberSchema = z.object({
  userId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  relationship: z.string().nullable(),
  linkedAt: z.iso.datetime({ offset: true }),
});
export type FamilyMember = z.infer<typeof familyMemberSchema>;

export const linkFamilyMemberBodySchema = z.strictObject({
  /** A CLIENT-role account of the family member's own, not itself a client in care. */
  userId: z.uuid(),
  relationship: z.string().trim().min(1).max(60).optional(),
});
export type LinkFamilyMemberBody = z.infer<typeof linkFamilyMemberBodySchema>;

/** Finding the login to link: name or email, a short list. */
export const familyCandidatesQuerySchema = z.strictObject({
  search: z.string().trim().min(1).max(100).optional(),
});
export type FamilyCandidatesQuery = z.infer<typeof familyCandidatesQuerySchema>;

/**
 * A login that may be linked to act for a client: a live, active CLIENT-role account that is not
 * in care itself, acts for no one yet, and is not the client.
 */
export const familyCandidateSchema = z.object({
  userId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
});
export type FamilyCandidate = z.infer<typeof familyCandidateSchema>;

/** How many candidates one search returns: enough to pick from, few enough to read. */
export const FAMILY_CANDIDATES_LIMIT = 20;
