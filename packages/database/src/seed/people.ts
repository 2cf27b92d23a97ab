import { randomUUID } from 'node:crypto';
import type { Transaction } from '../client';
import { careTeamAssignments, passwordHistory, profiles, users } from '../schema/index';
import { phiLookupHash } from '../secrets/phi-keyring';
import type { SecretBox } from '../secrets/secret-box';
import { DEMO_CLIENTS } from './demo-clients';
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PEOPLE, DEMO_TIME_ZONE } from './demo-people';

/** Demo key (e.g. `jordan`) → user id. */
export type PeopleIds = Map<string, string>;

export function idOf(ids: PeopleIds, key: string): string {
  const id = ids.get(key);
  if (!id) throw new Error(`demo seed: nobody with key ${key}`);
  return id;
}

/**
 * Inserts every demo person with profile and password history, then the clients' care teams. The
 * admin's TOTP secret is stored sealed, as the server stores every secret it enrols.
 */
export async function seedPeople(
  tx: Transaction,
  credentials: { passwordHash: string; box: SecretBox },
  now: Date,
): Promise<PeopleIds> {
  const { passwordHash, box } = credentials;
  const ids: PeopleIds = new Map(DEMO_PEOPLE.map((person) => [person.key, randomUUID()]));
  const joined = new Date(now.getTime() - 400 * 86_400_000);
  const userRows = DEMO_PEOPLE.map((person) => ({
    id: idOf(ids, person.key),
    email: person.email,
    passwordHash,
    role: person.role,
    firstName: person.firstName,
    lastName: person.lastName,
    emailVerifiedAt: joined,
    supervisorId: person.supervisorKey ? idOf(ids, person.supervisorKey) : null,
    mfaSecret: person.role === 'ADMIN' ? box.seal(DEMO_ADMIN_TOTP_SECRET) : null,
    mfaEnabledAt: person.role === 'ADMIN' ? joined : null,
    createdAt: joined,
  }));
  // Office staff first, so team members' supervisor_id points at an existing row.
  await tx.insert(users).values(userRows.filter((row) => row.supervisorId === null));
  await tx.insert(users).values(userRows.filter((row) => row.supervisorId !== null));
  await tx.insert(passwordHistory).values(userRows.map((row) => ({ userId: row.id, passwordHash })));
  await tx.insert(profiles).values(
    DEMO_PEOPLE.map((person) => ({
      userId: idOf(ids, person.key),
      phone: person.phone,
      address: person.address,
      homeLat: person.home?.lat,
      homeLng: person.home?.lng,
      dateOfBirth: person.dateOfBirth,
      emergencyContact: person.emergencyContact,
      medicalRecordNumber: person.mrn,
      medicalRecordNumberHash: person.mrn ? phiLookupHash(person.mrn) : null,
      insurance: person.insurance,
      allergies: person.allergies,
      medications: person.medications,
      conditions: person.conditions,
      specialNeeds: person.specialNeeds,
      preferredLanguage: person.preferredLanguage ?? 'en',
      timezone: DEMO_TIME_ZONE,
      skills: person.skills,
      availability: person.availability,
      hourlyRateCents: person.hourlyRateCents,
      createdAt: joined,
    })),
  );
  const startsOn = joined.toISOString().slice(0, 10);
  await tx.insert(careTeamAssignments).values(
    DEMO_CLIENTS.flatMap((client) => {
      const clientId = idOf(ids, client.person.key);
      const createdBy = idOf(ids, client.person.supervisorKey!);
      return [
        { clientId, workerId: idOf(ids, client.primary), assignmentRole: 'PRIMARY' as const, startsOn, createdBy },
        ...client.backups.map((key) => ({
          clientId,
          workerId: idOf(ids, key),
          assignmentRole: 'BACKUP' as const,
          startsOn,
          createdBy,
        })),
      ];
    }),
  );
  return ids;
}
