import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { Role } from '@caretracker/shared';
import { and, asc, eq, ilike, isNull, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { visibleUsersCondition } from './relations';
import { splitChanges } from './shape';

const { users, profiles, familyLinks } = schema;

const liveFamilyUserIds = sql`(select ${familyLinks.familyUserId} from ${familyLinks} where ${familyLinks.deletedAt} is null)`;

/** Every column a user view can be shaped from; never the password hash or MFA secret. */
const userRecordColumns = {
  id: users.id,
  email: users.email,
  role: users.role,
  firstName: users.firstName,
  lastName: users.lastName,
  isActive: users.isActive,
  emailVerifiedAt: users.emailVerifiedAt,
  mfaEnabledAt: users.mfaEnabledAt,
  supervisorId: users.supervisorId,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  version: users.version,
  profile: {
    // First, and never null: drizzle reads a left-joined object as absent when its FIRST column is
    // null, so a profile without a phone number came back as no profile at all.
    userId: profiles.userId,
    phone: profiles.phone,
    alternatePhone: profiles.alternatePhone,
    address: profiles.address,
    emergencyContact: profiles.emergencyContact,
    preferredLanguage: profiles.preferredLanguage,
    timezone: profiles.timezone,
    homeLat: profiles.homeLat,
    homeLng: profiles.homeLng,
    dateOfBirth: profiles.dateOfBirth,
    medicalRecordNumber: profiles.medicalRecordNumber,
    insurance: profiles.insurance,
    allergies: profiles.allergies,
    medications: profiles.medications,
    conditions: profiles.conditions,
    specialNeeds: profiles.specialNeeds,
    skills: profiles.skills,
    availability: profiles.availability,
    hourlyRateCents: profiles.hourlyRateCents,
  },
};

export interface UserRecord {
  id: string;
  email: string;
  role: Role;
  firstName: string;
  lastName: string;
  isActive: boolean;
  emailVerifiedAt: Date | null;
  mfaEnabledAt: Date | null;
  supervisorId: string | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** Null only for a user created without a profile row (none is, but old data may be). */
  profile: Omit<
    typeof profiles.$inferSelect,
    | 'medicalRecordNumberHash'
    | 'photoFileId'
    | 'createdAt'
    | 'updatedAt'
    | 'createdBy'
    | 'updatedBy'
    | 'deletedAt'
    | 'version'
  > | null;
}

function selectRecords(executor: Executor) {
  return executor.select(userRecordColumns).from(users).leftJoin(profiles, eq(profiles.userId, users.id));
}

/** A live (not deleted) user, optionally only if the actor may see it; `lock` holds the row for an update. */
export async function findLiveUser(
  executor: Executor,
  id: string,
  options: { visibleTo?: Actor; lock?: boolean } = {},
): Promise<UserRecord | null> {
  const where = and(
    eq(users.id, id),
    isNull(users.deletedAt),
    options.visibleTo ? visibleUsersCondition(options.visibleTo) : undefined,
  );
  const query = selectRecords(executor).where(where);
  const [row] = options.lock ? await query.for('update', { of: users }) : await query;
  return row ?? null;
}

export interface ListFilter {
  page: number;
  limit: number;
  role?: Role | undefined;
  isActive?: boolean | undefined;
  search?: string | undefined;
}

/** `%`, `_` and the escape character itself match literally in the ILIKE pattern. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** One page of the users the actor may see, ordered by last name then first name. */
export async function listVisibleUsers(executor: Executor, actor: Actor, filter: ListFilter) {
  const conditions: (SQL | undefined)[] = [isNull(users.deletedAt), visibleUsersCondition(actor)];
  if (filter.role) conditions.push(eq(users.role, filter.role));
  // Family members have CLIENT-role logins but are not clients in care: a list of clients leaves them out.
  if (filter.role === 'CLIENT') conditions.push(notInArray(users.id, liveFamilyUserIds));
  if (filter.isActive !== undefined) conditions.push(eq(users.isActive, filter.isActive));
  if (filter.search) {
    const pattern = likePattern(filter.search);
    const fullName = sql`(${users.firstName} || ' ' || ${users.lastName})`;
    // Email is an account field: only roles that read accounts of others may search by it.
    const byEmail = actor.role === 'ADMIN' || actor.role === 'SUPERVISOR' ? ilike(users.email, pattern) : undefined;
    conditions.push(
      or(ilike(users.firstName, pattern), ilike(users.lastName, pattern), ilike(fullName, pattern), byEmail),
    );
  }
  const where = and(...conditions);
  const [rows, counted] = await Promise.all([
    selectRecords(executor)
      .where(where)
      .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id))
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit),
    executor.select({ total: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  return { rows: rows as UserRecord[], total: counted[0]?.total ?? 0 };
}

/** Whether a live user other than `exceptId` already has this (lower-cased) email. */
export async function emailTaken(executor: Executor, email: string, exceptId?: string): Promise<boolean> {
  const [row] = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email), isNull(users.deletedAt), exceptId ? ne(users.id, exceptId) : undefined))
    .limit(1);
  return Boolean(row);
}

export async function isLiveSupervisor(executor: Executor, id: string): Promise<boolean> {
  const [row] = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, 'SUPERVISOR'), isNull(users.deletedAt)));
  return Boolean(row);
}

/** Live workers and clients whose supervisor this user is. */
export async function teamMemberCount(executor: Executor, supervisorId: string): Promise<number> {
  const [row] = await executor
    .select({ count: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.supervisorId, supervisorId), isNull(users.deletedAt)));
  return row?.count ?? 0;
}

/** The constraint a PostgreSQL unique violation names, looking through driver wrappers. */
export function uniqueViolation(error: unknown): string | null {
  for (let current = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (code === '23505') return typeof constraint === 'string' ? constraint : '';
  }
  return null;
}

/** Writes changed flat values (`firstName`, `profile.phone`) and bumps the user's version. */
export async function writeUserChanges(
  executor: Executor,
  id: string,
  changes: Record<string, unknown>,
  actorId: string,
): Promise<void> {
  const now = new Date();
  const split = splitChanges(changes);
  await executor
    .update(users)
    .set({
      ...split.user,
      // A new address has not been confirmed by its owner.
      ...('email' in split.user ? { emailVerifiedAt: null } : {}),
      version: sql`${users.version} + 1`,
      updatedAt: now,
      updatedBy: actorId,
    })
    .where(eq(users.id, id));
  if (Object.keys(split.profile).length === 0) return;
  await executor
    .insert(profiles)
    .values({ userId: id, ...split.profile, createdBy: actorId, updatedBy: actorId })
    .onConflictDoUpdate({
      target: profiles.userId,
      set: { ...split.profile, version: sql`${profiles.version} + 1`, updatedAt: now, updatedBy: actorId },
    });
}

/** Marks a live user deleted and inactive; false when there was no live user to delete. */
export async function softDeleteUser(executor: Executor, id: string, at: Date, actorId: string): Promise<boolean> {
  const deleted = await executor
    .update(users)
    .set({ deletedAt: at, isActive: false, version: sql`${users.version} + 1`, updatedAt: at, updatedBy: actorId })
    .where(and(eq(users.id, id), isNull(users.deletedAt)))
    .returning({ id: users.id });
  return deleted.length > 0;
}
