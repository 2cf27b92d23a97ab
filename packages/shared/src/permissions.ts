import type { Role } from './roles';

/**
 * How the person asking relates to the user record they ask about. The API works it out
 * per record; this matrix then says what that relation allows. Anything not granted is denied.
 */
export type UserRelation = 'self' | 'team' | 'assigned' | 'emergency' | 'none';

/** Field groups of a user record, shaped separately so PHI and billing never leak by accident. */
export type UserFieldGroup = 'identity' | 'account' | 'contact' | 'briefing' | 'clinical' | 'billing';

const ALL: UserFieldGroup[] = ['identity', 'account', 'contact', 'briefing', 'clinical', 'billing'];
const NO_BILLING: UserFieldGroup[] = ['identity', 'account', 'contact', 'briefing', 'clinical'];

type Matrix = Record<Role, Partial<Record<UserRelation, UserFieldGroup[]>>>;

/** PRODUCT.md role matrix, "own profile" and "other users" rows, and the billing row. */
export const USER_READ: Matrix = {
  CLIENT: { self: NO_BILLING },
  WORKER: { self: NO_BILLING, assigned: ['identity', 'briefing'] },
  // `emergency`: a live break-glass grant; read-only and never billing.
  SUPERVISOR: { self: ALL, team: ALL, emergency: NO_BILLING },
  ADMIN: { self: ALL, team: ALL, assigned: ALL, none: ALL },
};

export const USER_WRITE: Matrix = {
  CLIENT: { self: ['contact'] },
  WORKER: { self: ['contact'] },
  SUPERVISOR: {
    self: ['identity', 'contact', 'briefing', 'clinical'],
    team: ['identity', 'contact', 'briefing', 'clinical'],
  },
  ADMIN: { self: ALL, team: ALL, assigned: ALL, none: ALL },
};

export function readableUserFields(role: Role, relation: UserRelation): ReadonlySet<UserFieldGroup> {
  return new Set(USER_READ[role][relation] ?? []);
}

export function writableUserFields(role: Role, relation: UserRelation): ReadonlySet<UserFieldGroup> {
  return new Set(USER_WRITE[role][relation] ?? []);
}

/** Roles a given role may create; supervisors create only within their own team. */
export const CREATABLE_ROLES: Record<Role, readonly Role[]> = {
  CLIENT: [],
  WORKER: [],
  SUPERVISOR: ['WORKER', 'CLIENT'],
  ADMIN: ['CLIENT', 'WORKER', 'SUPERVISOR', 'ADMIN'],
};

/** Only admins deactivate, delete, change roles or see the audit log of everyone. */
export const canDeleteUsers = (role: Role) => role === 'ADMIN';
export const canChangeRoles = (role: Role) => role === 'ADMIN';
export const canDeactivateUsers = (role: Role) => role === 'ADMIN';
/** Ending a sign-in lockout early (`POST /users/:id/unlock`) is for admins; owners unlock by resetting their password. */
export const canUnlockAccounts = (role: Role) => role === 'ADMIN';
export const canReadAudit = (role: Role) => role === 'ADMIN' || role === 'SUPERVISOR';
export const canExportAudit = (role: Role) => role === 'ADMIN';

/** Which profile fields belong to which group. */
export const PROFILE_FIELD_GROUPS = {
  phone: 'contact',
  alternatePhone: 'contact',
  address: 'contact',
  emergencyContact: 'contact',
  preferredLanguage: 'contact',
  timezone: 'contact',
  homeLocation: 'briefing',
  allergies: 'briefing',
  medications: 'briefing',
  conditions: 'briefing',
  specialNeeds: 'briefing',
  skills: 'identity',
  availability: 'identity',
  dateOfBirth: 'clinical',
  medicalRecordNumber: 'clinical',
  insurance: 'clinical',
  hourlyRateCents: 'billing',
} as const satisfies Record<string, UserFieldGroup>;

/** Contact fields a worker may see on an assigned client's briefing. */
export const BRIEFING_CONTACT_FIELDS = [
  'phone',
  'address',
  'emergencyContact',
  'preferredLanguage',
  'timezone',
] as const;

export type ProfileFieldName = keyof typeof PROFILE_FIELD_GROUPS;
export const PROFILE_FIELD_NAMES = Object.keys(PROFILE_FIELD_GROUPS) as ProfileFieldName[];

/** Which top-level fields of a user record belong to which group; `id` and `role` are always readable. */
export const USER_FIELD_GROUPS = {
  firstName: 'identity',
  lastName: 'identity',
  email: 'account',
  role: 'account',
  isActive: 'account',
  emailVerified: 'account',
  mfaEnabled: 'account',
  supervisorId: 'account',
  lastLoginAt: 'account',
  lockedUntil: 'account',
  createdAt: 'account',
  updatedAt: 'account',
  version: 'account',
} as const satisfies Record<string, UserFieldGroup>;
export type UserFieldName = keyof typeof USER_FIELD_GROUPS;

/** Profile fields the relation may read: its groups, plus the contact details of a briefing. */
export function readableProfileFields(role: Role, relation: UserRelation): ProfileFieldName[] {
  const groups = readableUserFields(role, relation);
  const briefingOnly = groups.has('briefing') && !groups.has('contact');
  const briefingContact: readonly string[] = BRIEFING_CONTACT_FIELDS;
  return PROFILE_FIELD_NAMES.filter(
    (field) => groups.has(PROFILE_FIELD_GROUPS[field]) || (briefingOnly && briefingContact.includes(field)),
  );
}

/** The group of a field path as a request names it (`firstName`, `profile.phone`); undefined if unknown. */
export function userFieldGroupOf(path: string): UserFieldGroup | undefined {
  const [head, field] = path.split('.');
  if (head === 'profile' && field) return (PROFILE_FIELD_GROUPS as Record<string, UserFieldGroup>)[field];
  return (USER_FIELD_GROUPS as Record<string, UserFieldGroup>)[path];
}

/** Who may link family members to a client, list and unlink them (and look for logins to link): admins. */
export const canManageFamilyLinks = (role: string) => role === 'ADMIN';
