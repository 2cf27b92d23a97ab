import { type schema, withMrnHash } from '@caretracker/database';
import {
  PROFILE_FIELD_NAMES,
  type ProfileFieldName,
  type ProfileFields,
  type Role,
  readableProfileFields,
  readableUserFields,
  type UpdateUserInput,
  type UserRelation,
  type UserView,
} from '@caretracker/shared';
import type { UserRecord } from './queries';

type ProfileView = NonNullable<UserView['profile']>;
type ProfileColumns = Partial<Omit<typeof schema.profiles.$inferInsert, 'userId'>>;

/** A stored profile in the shape the API speaks (`homeLocation` instead of two columns). */
export function profileView(record: UserRecord): Record<ProfileFieldName, unknown> {
  const p = record.profile;
  const view = Object.fromEntries(PROFILE_FIELD_NAMES.map((field) => [field, null])) as Record<
    ProfileFieldName,
    unknown
  >;
  if (!p) return view;
  for (const field of PROFILE_FIELD_NAMES) {
    if (field !== 'homeLocation') view[field] = (p as Record<string, unknown>)[field] ?? null;
  }
  view.homeLocation = p.homeLat !== null && p.homeLng !== null ? { lat: p.homeLat, lng: p.homeLng } : null;
  return view;
}

/** Profile fields from a request, as the columns that store them. */
export function profileColumns(fields: Partial<ProfileFields>): ProfileColumns {
  const { homeLocation, ...rest } = fields;
  // The MRN is sealed at rest; its keyed hash finds it and keeps it unique.
  const columns: ProfileColumns = withMrnHash({ ...rest });
  if (homeLocation !== undefined) {
    columns.homeLat = homeLocation?.lat ?? null;
    columns.homeLng = homeLocation?.lng ?? null;
  }
  return columns;
}

/** The fields the record shows to this caller: only the groups its relation may read. */
export function shapeUser(record: UserRecord, viewer: Role, relation: UserRelation): UserView {
  const groups = readableUserFields(viewer, relation);
  const view: UserView = { id: record.id, role: record.role, firstName: record.firstName, lastName: record.lastName };
  if (groups.has('account')) {
    Object.assign(view, {
      email: record.email,
      isActive: record.isActive,
      emailVerified: record.emailVerifiedAt !== null,
      mfaEnabled: record.mfaEnabledAt !== null,
      supervisorId: record.supervisorId,
      lastLoginAt: record.lastLoginAt?.toISOString() ?? null,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
      version: record.version,
    });
  }
  const fields = readableProfileFields(viewer, relation);
  if (fields.length > 0) {
    const all = profileView(record);
    view.profile = Object.fromEntries(fields.map((field) => [field, all[field]])) as ProfileView;
  }
  return view;
}

/** Whether the shaped answer carries a client's health information (and so is a PHI read). */
export function showsClientPhi(record: UserRecord, viewer: Role, relation: UserRelation): boolean {
  if (record.role !== 'CLIENT' || relation === 'self') return false;
  const groups = readableUserFields(viewer, relation);
  return groups.has('clinical') || groups.has('briefing');
}

/** The field paths a write names (`firstName`, `profile.phone`), each checked against the matrix. */
export function requestedFields(body: UpdateUserInput | { profile?: Partial<ProfileFields> | undefined }): string[] {
  const { profile, ...top } = body as UpdateUserInput;
  const fields = Object.keys(top).filter((key) => key !== 'version');
  return [...fields, ...Object.keys(profile ?? {}).map((key) => `profile.${key}`)];
}

const TOP_LEVEL_FIELDS = ['firstName', 'lastName', 'email', 'role', 'isActive', 'supervisorId'] as const;

/** The values an update can change, flat (`firstName`, `profile.phone`), for diffing and the audit trail. */
export function flatValues(record: UserRecord): Record<string, unknown> {
  const flat: Record<string, unknown> = Object.fromEntries(TOP_LEVEL_FIELDS.map((field) => [field, record[field]]));
  for (const [field, value] of Object.entries(profileView(record))) flat[`profile.${field}`] = value;
  return flat;
}

/** The values an update asks for, flat like `flatValues`; a field sent as null clears it. */
export function requestedValues(body: UpdateUserInput): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const field of TOP_LEVEL_FIELDS) if (field in body) flat[field] = body[field] ?? null;
  for (const [field, value] of Object.entries(body.profile ?? {})) flat[`profile.${field}`] = value ?? null;
  return flat;
}

/** Changed flat values split into `users` columns and `profiles` columns. */
export function splitChanges(changes: Record<string, unknown>) {
  const user: Record<string, unknown> = {};
  const profile: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (key.startsWith('profile.')) profile[key.slice('profile.'.length)] = value;
    else user[key] = value;
  }
  return { user, profile: profileColumns(profile as Partial<ProfileFields>) };
}
