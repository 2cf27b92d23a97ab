import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { FAMILY_CANDIDATES_LIMIT, type FamilyCandidate, type FamilyMember } from '@caretracker/shared';
import { and, asc, eq, ilike, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { likePattern } from '../users/queries';

const { users, familyLinks, visits, carePlans, budgets, careTeamAssignments } = schema;

/** The live client a family member acts for, by name; null when they act for no one. */
export async function clientActedFor(executor: Executor, familyUserId: string) {
  const client = alias(users, 'client');
  const [row] = await executor
    .select({ id: client.id, firstName: client.firstName, lastName: client.lastName })
    .from(familyLinks)
    .innerJoin(client, eq(client.id, familyLinks.clientId))
    .where(and(eq(familyLinks.familyUserId, familyUserId), isNull(familyLinks.deletedAt), isNull(client.deletedAt)));
  return row ?? null;
}

/** The live family members of a client, as a subquery of user ids. */
export function familyUserIdsOf(clientId: string) {
  return sql`(select ${familyLinks.familyUserId} from ${familyLinks}
    where ${familyLinks.clientId} = ${clientId} and ${familyLinks.deletedAt} is null)`;
}

export async function listFamilyMembers(executor: Executor, clientId: string): Promise<FamilyMember[]> {
  const rows = await executor
    .select({
      userId: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
      relationship: familyLinks.relationship,
      linkedAt: familyLinks.createdAt,
    })
    .from(familyLinks)
    .innerJoin(users, eq(users.id, familyLinks.familyUserId))
    .where(and(eq(familyLinks.clientId, clientId), isNull(familyLinks.deletedAt), isNull(users.deletedAt)))
    .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id));
  return rows.map((row) => ({ ...row, linkedAt: row.linkedAt.toISOString() }));
}

/** A live CLIENT-role user, or null. */
export async function findLiveClientUser(executor: Executor, id: string) {
  const [row] = await executor
    .select({ id: users.id, isActive: users.isActive })
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, 'CLIENT'), isNull(users.deletedAt)));
  return row ?? null;
}

/**
 * Whether the user is in care in their own right (visits, care plans, budgets, a care team, or
 * family acting for them): such an account cannot also act for someone else.
 */
export async function isClientInCare(executor: Executor, userId: string): Promise<boolean> {
  const result = (await executor.execute(sql`select (
    exists (select 1 from ${visits} where ${visits.clientId} = ${userId} and ${visits.deletedAt} is null)
    or exists (select 1 from ${carePlans} where ${carePlans.clientId} = ${userId} and ${carePlans.deletedAt} is null)
    or exists (select 1 from ${budgets} where ${budgets.clientId} = ${userId} and ${budgets.deletedAt} is null)
    or exists (select 1 from ${careTeamAssignments} where ${careTeamAssignments.clientId} = ${userId}
      and ${careTeamAssignments.deletedAt} is null)
    or exists (select 1 from ${familyLinks} where ${familyLinks.clientId} = ${userId} and ${familyLinks.deletedAt} is null)
  ) as in_care`)) as unknown as { rows: { in_care: boolean }[] };
  return Boolean(result.rows[0]?.in_care);
}

/** The family member's live link, whichever client it is to. */
export async function liveLinkOf(executor: Executor, familyUserId: string, clientId?: string) {
  const [row] = await executor
    .select()
    .from(familyLinks)
    .where(
      and(
        eq(familyLinks.familyUserId, familyUserId),
        isNull(familyLinks.deletedAt),
        clientId ? eq(familyLinks.clientId, clientId) : undefined,
      ),
    );
  return row ?? null;
}

/** The live family members of these clients (family members whose account is live too). */
export async function familyOfClients(
  executor: Executor,
  clientIds: string[],
): Promise<Array<{ clientId: string; familyUserId: string }>> {
  if (clientIds.length === 0) return [];
  return executor
    .select({ clientId: familyLinks.clientId, familyUserId: familyLinks.familyUserId })
    .from(familyLinks)
    .innerJoin(users, eq(users.id, familyLinks.familyUserId))
    .where(
      and(
        inArray(familyLinks.clientId, [...new Set(clientIds)]),
        isNull(familyLinks.deletedAt),
        isNull(users.deletedAt),
      ),
    );
}

/**
 * Logins an admin may link to act for the client: live, active CLIENT-role accounts other than
 * the client, acting for no one, and not in care themselves (the same rules `link` enforces).
 */
export async function listFamilyCandidates(
  executor: Executor,
  clientId: string,
  search: string | undefined,
): Promise<FamilyCandidate[]> {
  const inCare = sql`(
    exists (select 1 from ${visits} where ${visits.clientId} = ${users.id} and ${visits.deletedAt} is null)
    or exists (select 1 from ${carePlans} where ${carePlans.clientId} = ${users.id} and ${carePlans.deletedAt} is null)
    or exists (select 1 from ${budgets} where ${budgets.clientId} = ${users.id} and ${budgets.deletedAt} is null)
    or exists (select 1 from ${careTeamAssignments} where ${careTeamAssignments.clientId} = ${users.id}
      and ${careTeamAssignments.deletedAt} is null)
    or exists (select 1 from ${familyLinks} where ${familyLinks.deletedAt} is null
      and (${familyLinks.clientId} = ${users.id} or ${familyLinks.familyUserId} = ${users.id}))
  )`;
  const pattern = search ? likePattern(search) : null;
  const fullName = sql`(${users.firstName} || ' ' || ${users.lastName})`;
  return executor
    .select({ userId: users.id, firstName: users.firstName, lastName: users.lastName, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.role, 'CLIENT'),
        isNull(users.deletedAt),
        eq(users.isActive, true),
        ne(users.id, clientId),
        sql`not ${inCare}`,
        pattern
          ? or(
              ilike(users.firstName, pattern),
              ilike(users.lastName, pattern),
              ilike(fullName, pattern),
              ilike(users.email, pattern),
            )
          : undefined,
      ),
    )
    .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id))
    .limit(FAMILY_CANDIDATES_LIMIT);
}
