import bcrypt from 'bcrypt';
import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { careTeamAssignments, passwordHistory, profiles, users } from '../schema/index';
import { DEMO_ADMIN_TOTP_SECRET, DEMO_CARE_TEAMS, DEMO_PASSWORD, DEMO_PEOPLE } from './demo-people';

export interface SeedResult {
  seeded: boolean;
  users: number;
}

/** Seeds the demo agency into an empty database; a database that already has users is left alone. */
export async function seedDemo(db: Database, options: { bcryptRounds?: number } = {}): Promise<SeedResult> {
  const [existing] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  if ((existing?.count ?? 0) > 0) return { seeded: false, users: existing?.count ?? 0 };

  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, options.bcryptRounds ?? 12);
  const now = new Date();
  await db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    // Supervisors and admins first so team members can point at them.
    const ordered = [...DEMO_PEOPLE].sort(
      (a, b) => Number(Boolean(a.supervisorKey)) - Number(Boolean(b.supervisorKey)),
    );
    for (const person of ordered) {
      const [row] = await tx
        .insert(users)
        .values({
          email: person.email,
          passwordHash,
          role: person.role,
          firstName: person.firstName,
          lastName: person.lastName,
          emailVerifiedAt: now,
          supervisorId: person.supervisorKey ? ids.get(person.supervisorKey) : null,
          mfaSecret: person.role === 'ADMIN' ? DEMO_ADMIN_TOTP_SECRET : null,
          mfaEnabledAt: person.role === 'ADMIN' ? now : null,
        })
        .returning({ id: users.id });
      if (!row) throw new Error(`could not seed ${person.email}`);
      ids.set(person.key, row.id);
      await tx.insert(passwordHistory).values({ userId: row.id, passwordHash });
      await tx.insert(profiles).values({
        userId: row.id,
        phone: person.phone,
        address: person.address,
        homeLat: person.home?.lat,
        homeLng: person.home?.lng,
        dateOfBirth: person.dateOfBirth,
        medicalRecordNumber: person.mrn,
        allergies: person.allergies,
        medications: person.medications,
        conditions: person.conditions,
        specialNeeds: person.specialNeeds,
        skills: person.skills,
        hourlyRateCents: person.hourlyRateCents,
        preferredLanguage: 'en',
        timezone: 'America/Los_Angeles',
        emergencyContact:
          person.role === 'CLIENT'
            ? { name: `${person.lastName} family`, phone: '+1 503 555 0199', relationship: 'Family' }
            : null,
      });
    }
    for (const team of DEMO_CARE_TEAMS) {
      const clientId = ids.get(team.client)!;
      await tx
        .insert(careTeamAssignments)
        .values([
          { clientId, workerId: ids.get(team.primary)!, assignmentRole: 'PRIMARY' },
          ...team.backups.map((key) => ({ clientId, workerId: ids.get(key)!, assignmentRole: 'BACKUP' as const })),
        ]);
    }
  });
  return { seeded: true, users: DEMO_PEOPLE.length };
}
