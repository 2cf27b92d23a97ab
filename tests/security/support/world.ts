import { randomUUID } from 'node:crypto';
import { schema, withMrnHash } from '@caretracker/database';
import type { RecordScope, Role } from '@caretracker/shared';
import bcrypt from 'bcrypt';
import type { FastifyInstance } from 'fastify';
import { authenticator } from 'otplib';
import { rememberSecret } from './secrets';

export const PASSWORD = 'Orchard-Lamp-Quiet-91';
/** Passwords the suite sends besides the world's: a new one it sets, and its wrong guesses. */
export const OTHER_PASSWORDS = ['Meadow-Lantern-Brook-77', 'Wrong-Guess', 'not-the-password', 'wrong-password-here'];

/**
 * Where a record sits, seen from the four callers (a client, their worker, their supervisor, an
 * admin): the caller's own; another's in the same team; another team's; a client outside every team.
 */
export type Position = 'own' | 'sameTeam' | 'otherTeam' | 'otherClient';
export const POSITIONS: readonly Position[] = ['own', 'sameTeam', 'otherTeam', 'otherClient'];
export const SCOPE_OF: Record<Position, RecordScope> = {
  own: 'own',
  sameTeam: 'team',
  otherTeam: 'other',
  otherClient: 'other',
};

export interface Person {
  id: string;
  email: string;
  role: Role;
  firstName: string;
  lastName: string;
  password: string;
  mfaSecret: string | null;
  token: string;
  headers: { authorization: string };
}

export interface Seat {
  client: Person;
  worker: Person;
  supervisor: Person | null;
  /** PHI the world seeded for this client: the log check looks for each value. */
  phi: { mrn: string; dateOfBirth: string; note: string };
}

export interface World {
  app: FastifyInstance;
  admin: Person;
  at: Record<Position, Seat>;
  /** The caller of each role: the own seat's client and worker, their supervisor, an admin. */
  callers: Record<Role, Person>;
  /** Ids of everything created at a position; a caller who may not see the position must never read one. */
  idsAt: Record<Position, Set<string>>;
  remember(position: Position, ...ids: string[]): void;
}

let cachedHash: string | null = null;

/** A user with a profile and an open session, written straight to the database. */
export async function createPerson(
  app: FastifyInstance,
  role: Role,
  options: {
    supervisorId?: string | null;
    label?: string;
    profile?: Partial<typeof schema.profiles.$inferInsert>;
  } = {},
): Promise<Person> {
  const tag = randomUUID().slice(0, 8);
  cachedHash ??= await bcrypt.hash(PASSWORD, 4);
  const passwordHash = cachedHash;
  const mfaSecret = role === 'ADMIN' ? authenticator.generateSecret(20) : null;
  const { db, sessions } = app.deps;
  const [row] = await db
    .insert(schema.users)
    .values({
      email: `${role.toLowerCase()}-${tag}@security.caretracker.dev`,
      passwordHash,
      role,
      firstName: `${options.label ?? 'Sec'}${tag}`,
      lastName: `Zed${tag}`,
      supervisorId: options.supervisorId ?? null,
      emailVerifiedAt: new Date(),
      mfaSecret,
      mfaEnabledAt: mfaSecret ? new Date() : null,
    })
    .returning();
  if (!row) throw new Error('user insert failed');
  await db.insert(schema.passwordHistory).values({ userId: row.id, passwordHash });
  await db
    .insert(schema.profiles)
    .values({ userId: row.id, phone: '+1 503 555 0100', ...withMrnHash(options.profile ?? {}) });
  const issued = await sessions.open(db, { id: row.id });
  rememberSecret('token', issued.accessToken, issued.refreshToken);
  rememberSecret('TOTP secret', mfaSecret);
  if (role === 'CLIENT') rememberSecret('name', row.firstName, row.lastName);
  return {
    id: row.id,
    email: row.email,
    role,
    firstName: row.firstName,
    lastName: row.lastName,
    password: PASSWORD,
    mfaSecret,
    token: issued.accessToken,
    headers: { authorization: `Bearer ${issued.accessToken}` },
  };
}

async function createSeat(app: FastifyInstance, supervisor: Person | null, label: string, day: number): Promise<Seat> {
  const supervisorId = supervisor?.id ?? null;
  const tag = randomUUID().slice(0, 8);
  const phi = { mrn: `MRN-SEC-${tag}`, dateOfBirth: `1938-04-${String(day).padStart(2, '0')}`, note: `Note${tag}` };
  const worker = await createPerson(app, 'WORKER', { supervisorId, label: `${label}Worker` });
  const client = await createPerson(app, 'CLIENT', {
    supervisorId,
    label: `${label}Client`,
    profile: {
      medicalRecordNumber: phi.mrn,
      dateOfBirth: phi.dateOfBirth,
      specialNeeds: phi.note,
      allergies: ['Penicillin'],
      address: { line1: '1 Test Way', city: 'Portland', state: 'OR', postalCode: '97201', country: 'US' },
      homeLat: 45.5,
      homeLng: -122.6,
      timezone: 'UTC',
    },
  });
  await app.deps.db
    .insert(schema.careTeamAssignments)
    .values({ clientId: client.id, workerId: worker.id, assignmentRole: 'PRIMARY' });
  rememberSecret('MRN', phi.mrn);
  rememberSecret('date of birth', phi.dateOfBirth);
  rememberSecret('note', phi.note);
  return { client, worker, supervisor, phi };
}

/** Team A (two seats), team B, a client outside every team, and an admin. */
export async function createWorld(app: FastifyInstance): Promise<World> {
  const admin = await createPerson(app, 'ADMIN', { label: 'Admin' });
  const supervisorA = await createPerson(app, 'SUPERVISOR', { label: 'SupA' });
  const supervisorB = await createPerson(app, 'SUPERVISOR', { label: 'SupB' });
  const at: Record<Position, Seat> = {
    own: await createSeat(app, supervisorA, 'Own', 1),
    sameTeam: await createSeat(app, supervisorA, 'Mate', 2),
    otherTeam: await createSeat(app, supervisorB, 'Far', 3),
    otherClient: await createSeat(app, null, 'Lone', 4),
  };
  const idsAt = Object.fromEntries(POSITIONS.map((position) => [position, new Set<string>()])) as World['idsAt'];
  const world: World = {
    app,
    admin,
    at,
    callers: { CLIENT: at.own.client, WORKER: at.own.worker, SUPERVISOR: supervisorA, ADMIN: admin },
    idsAt,
    remember(position, ...ids) {
      for (const id of ids) idsAt[position].add(id);
    },
  };
  for (const position of POSITIONS) world.remember(position, at[position].client.id, at[position].worker.id);
  world.remember('otherTeam', supervisorB.id);
  return world;
}
