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

/** Who may link family members to a client, list and unlink them: admins. */
export const canManageFamilyLinks = (role: string) => role === 'ADMIN';
