import { randomUUID } from 'node:crypto';
import { createSecretBox, schema, withMrnHash } from '@caretracker/database';
import type { Role } from '@caretracker/shared';
import bcrypt from 'bcrypt';
import type { FastifyInstance } from 'fastify';
import { authenticator } from 'otplib';
import { dataEncryptionKey } from '../../src/config/config';

export const TEST_PASSWORD = 'Orchard-Lamp-Quiet-91';
let cachedHash: string | null = null;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  firstName: string;
  lastName: string;
  password: string;
  /** The TOTP secret in plain text, for making codes; stored sealed, as the server stores it. */
  mfaSecret: string | null;
  /** Bearer token of a live session opened for this user. */
  token: string;
  headers: { authorization: string };
}

/** Creates a uniquely named user with a profile and an open session; nothing shared is truncated. */
export async function createUser(
  app: FastifyInstance,
  options: {
    role: Role;
    supervisorId?: string | null;
    firstName?: string;
    lastName?: string;
    profile?: Partial<typeof schema.profiles.$inferInsert>;
    isActive?: boolean;
  },
): Promise<TestUser> {
  const tag = randomUUID().slice(0, 8);
  cachedHash ??= await bcrypt.hash(TEST_PASSWORD, 4);
  const email = `${options.role.toLowerCase()}-${tag}@test.caretracker.dev`;
  const mfaSecret = options.role === 'ADMIN' ? authenticator.generateSecret(20) : null;
  const firstName = options.firstName ?? `First${tag}`;
  const lastName = options.lastName ?? `Last${tag}`;
  const { db, sessions } = app.deps;
  const [row] = await db
    .insert(schema.users)
    .values({
      email,
      passwordHash: cachedHash,
      role: options.role,
      firstName,
      lastName,
      supervisorId: options.supervisorId ?? null,
      emailVerifiedAt: new Date(),
      mfaSecret: mfaSecret ? createSecretBox(dataEncryptionKey(app.deps.config)).seal(mfaSecret) : null,
      mfaEnabledAt: mfaSecret ? new Date() : null,
      isActive: options.isActive ?? true,
    })
    .returning();
  if (!row) throw new Error('user insert failed');
  await db.insert(schema.passwordHistory).values({ userId: row.id, passwordHash: cachedHash });
  await db
    .insert(schema.profiles)
    .values({ userId: row.id, phone: '+1 503 555 0000', ...withMrnHash(options.profile ?? {}) });
  const issued = await sessions.open(db, { id: row.id });
  return {
    id: row.id,
    email,
    role: options.role,
    firstName,
    lastName,
    password: TEST_PASSWORD,
    mfaSecret,
    token: issued.accessToken,
    headers: { authorization: `Bearer ${issued.accessToken}` },
  };
}

/**
 * The TOTP code `stepsAhead` 30-second steps from now. Each code signs in once, so a test that
 * needs a second code soon after the first takes the next step's (accepted: one step of drift).
 */
export function totpCode(secret: string, stepsAhead = 0): string {
  return authenticator.clone({ epoch: Date.now() + stepsAhead * 30_000 }).generate(secret);
}

export async function assignToCareTeam(
  app: FastifyInstance,
  clientId: string,
  workerId: string,
  role: 'PRIMARY' | 'BACKUP' = 'PRIMARY',
) {
  // On the team since long before today in any zone: the column's default (the database's UTC date)
  // is tomorrow in the agency's zone late in its evening, which would make the member 'UPCOMING'.
  await app.deps.db
    .insert(schema.careTeamAssignments)
    .values({ clientId, workerId, assignmentRole: role, startsOn: '2025-01-01' });
}

/** A supervisor with one worker and one client assigned to that worker. */
export async function createTeam(app: FastifyInstance) {
  const supervisor = await createUser(app, { role: 'SUPERVISOR' });
  const worker = await createUser(app, { role: 'WORKER', supervisorId: supervisor.id });
  const client = await createUser(app, {
    role: 'CLIENT',
    supervisorId: supervisor.id,
    profile: {
      medicalRecordNumber: `MRN-${randomUUID().slice(0, 8)}`,
      allergies: ['Penicillin'],
      homeLat: 45.5,
      homeLng: -122.6,
    },
  });
  await assignToCareTeam(app, client.id, worker.id);
  return { supervisor, worker, client };
}

/**
 * A care plan written straight to the database (no version row): a supervisor-created plan with one
 * goal and one scheduled medication, in whatever status the test needs.
 */
export async function createCarePlan(
  app: FastifyInstance,
  options: {
    clientId: string;
    createdBy?: string;
    status?: 'DRAFT' | 'ACTIVE' | 'ON_HOLD' | 'COMPLETED' | 'DISCONTINUED';
    title?: string;
    startsOn?: string;
    nextReviewOn?: string;
  },
) {
  const { db } = app.deps;
  const [plan] = await db
    .insert(schema.carePlans)
    .values({
      clientId: options.clientId,
      status: options.status ?? 'DRAFT',
      title: options.title ?? `Plan ${randomUUID().slice(0, 8)}`,
      activities: [{ code: 'bathing', name: 'Bathing', instructions: null }],
      diagnosisCodes: ['E11.9'],
      requiredSkills: ['diabetes care'],
      startsOn: options.startsOn ?? '2025-01-01',
      nextReviewOn: options.nextReviewOn ?? '2099-01-01',
      createdBy: options.createdBy ?? null,
      updatedBy: options.createdBy ?? null,
    })
    .returning();
  if (!plan) throw new Error('care plan insert failed');
  const [goal] = await db
    .insert(schema.carePlanGoals)
    .values({ carePlanId: plan.id, description: 'Walk to the mailbox', measure: 'steps unassisted', targetValue: 200 })
    .returning();
  const [medication] = await db
    .insert(schema.carePlanMedications)
    .values({ carePlanId: plan.id, name: 'Metformin', dose: '500 mg', route: 'ORAL', times: ['08:00'] })
    .returning();
  if (!goal || !medication) throw new Error('care plan lists insert failed');
  return { ...plan, goalId: goal.id, medicationId: medication.id };
}
