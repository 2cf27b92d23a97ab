import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Transaction } from '../client';
import { familyLinks, passwordHistory, profiles, users } from '../schema/index';
import { DEMO_TIME_ZONE } from './demo-people';
import { idOf, type PeopleIds } from './people';

/** The demo family member: Pat Taylor's son, who signs in to the portal with his own login and acts for her. */
export const DEMO_FAMILY_MEMBER = {
  email: 'family@caretracker.dev',
  firstName: 'Chris',
  lastName: 'Taylor',
  actsForKey: 'pat',
  relationship: 'Son',
} as const;

/** Inserts the demo family member (a CLIENT-role login in Pat's team) and links them to Pat. */
export async function seedFamily(tx: Transaction, ids: PeopleIds, passwordHash: string, now: Date): Promise<void> {
  const person = DEMO_FAMILY_MEMBER;
  const clientId = idOf(ids, person.actsForKey);
  const [client] = await tx.select({ supervisorId: users.supervisorId }).from(users).where(eq(users.id, clientId));
  const id = randomUUID();
  const joined = new Date(now.getTime() - 200 * 86_400_000);
  await tx.insert(users).values({
    id,
    email: person.email,
    passwordHash,
    role: 'CLIENT',
    firstName: person.firstName,
    lastName: person.lastName,
    emailVerifiedAt: joined,
    supervisorId: client?.supervisorId ?? null,
    createdAt: joined,
  });
  await tx.insert(passwordHistory).values({ userId: id, passwordHash });
  await tx.insert(profiles).values({
    userId: id,
    phone: '+1 503 555 0142',
    preferredLanguage: 'en',
    timezone: DEMO_TIME_ZONE,
    createdAt: joined,
  });
  await tx
    .insert(familyLinks)
    .values({ clientId, familyUserId: id, relationship: person.relationship, createdAt: joined });
}
