import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { files } from './collaboration';
import { bookkeeping, id, tstz } from './columns';
import { sealedJson, sealedText } from './sealed-columns';

export interface AddressValue {
  line1: string;
  line2?: string | null;
  city: string;
  state?: string | null;
  postalCode: string;
  country: string;
}
export interface EmergencyContactValue {
  name: string;
  phone: string;
  relationship?: string | null;
}
export interface InsuranceValue {
  provider: string;
  policyNumber: string;
  groupNumber?: string | null;
  expiresOn?: string | null;
}
export interface AvailabilitySlotValue {
  day: 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN';
  start: string;
  end: string;
}

/** Classification: SECURITY (credentials) and PII. */
export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['CLIENT', 'WORKER', 'SUPERVISOR', 'ADMIN'] }).notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    emailVerifiedAt: tstz('email_verified_at'),
    /** Always sealed (`enc:v1:…`, AES-256-GCM under DATA_ENCRYPTION_KEY); a plain value is refused. */
    mfaSecret: text('mfa_secret'),
    mfaEnabledAt: tstz('mfa_enabled_at'),
    /** The last TOTP time step (unix time / 30 s) accepted: a code at or before it is refused (RFC 6238 §5.2). */
    mfaLastStep: bigint('mfa_last_step', { mode: 'number' }),
    lastLoginAt: tstz('last_login_at'),
    passwordChangedAt: tstz('password_changed_at').notNull().defaultNow(),
    /** The supervisor whose team a worker or client belongs to. */
    supervisorId: uuid('supervisor_id').references((): AnyPgColumn => users.id),
    ...bookkeeping(),
  },
  (t) => [
    uniqueIndex('users_email_live_key').on(sql`lower(${t.email})`).where(sql`${t.deletedAt} is null`),
    index('users_supervisor_idx').on(t.supervisorId),
    index('users_role_idx').on(t.role),
    check('users_role_check', sql`${t.role} in ('CLIENT','WORKER','SUPERVISOR','ADMIN')`),
    check('users_email_lower_check', sql`${t.email} = lower(${t.email})`),
  ],
);

/** Classification: PHI for clients (clinical fields), PII otherwise. */
export const profiles = pgTable(
  'profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    phone: text('phone'),
    alternatePhone: text('alternate_phone'),
    address: jsonb('address').$type<AddressValue>(),
    homeLat: doublePrecision('home_lat'),
    homeLng: doublePrecision('home_lng'),
    /** Sealed (PHI keyring, `phi:v1:…`): a YYYY-MM-DD date the code reads in clear. */
    dateOfBirth: sealedText('date_of_birth'),
    emergencyContact: jsonb('emergency_contact').$type<EmergencyContactValue>(),
    /** Sealed; found and kept unique through `medicalRecordNumberHash`. */
    medicalRecordNumber: sealedText('medical_record_number'),
    /** HMAC of the normalised MRN (`phiLookupHash`): equality lookups without the clear value. */
    medicalRecordNumberHash: text('medical_record_number_hash'),
    /** Sealed JSON. */
    insurance: sealedJson<InsuranceValue>('insurance'),
    allergies: text('allergies').array(),
    medications: text('medications').array(),
    conditions: text('conditions').array(),
    specialNeeds: text('special_needs'),
    preferredLanguage: text('preferred_language'),
    timezone: text('timezone'),
    skills: text('skills').array(),
    availability: jsonb('availability').$type<AvailabilitySlotValue[]>(),
    hourlyRateCents: integer('hourly_rate_cents'),
    /** The person's photo: an image file (PROFILE, their own) served by `GET /users/:id/photo`. */
    photoFileId: uuid('photo_file_id').references((): AnyPgColumn => files.id),
    ...bookkeeping(),
  },
  (t) => [
    check('profiles_home_lat_check', sql`${t.homeLat} between -90 and 90`),
    check('profiles_home_lng_check', sql`${t.homeLng} between -180 and 180`),
    check('profiles_rate_check', sql`${t.hourlyRateCents} >= 0`),
    uniqueIndex('profiles_mrn_key').on(t.medicalRecordNumberHash).where(sql`${t.medicalRecordNumberHash} is not null`),
  ],
);

/** A client's care team: primary and backup workers (the supervisor is the client's `supervisor_id`). */
export const careTeamAssignments = pgTable(
  'care_team_assignments',
  {
    id: id(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => users.id),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => users.id),
    assignmentRole: text('assignment_role', { enum: ['PRIMARY', 'BACKUP'] }).notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull().defaultNow(),
    endsOn: date('ends_on', { mode: 'string' }),
    ...bookkeeping(),
  },
  (t) => [
    uniqueIndex('care_team_live_key').on(t.clientId, t.workerId).where(sql`${t.deletedAt} is null`),
    uniqueIndex('care_team_one_primary_key')
      .on(t.clientId)
      .where(sql`${t.assignmentRole} = 'PRIMARY' and ${t.deletedAt} is null`),
    index('care_team_worker_idx').on(t.workerId),
    check('care_team_role_check', sql`${t.assignmentRole} in ('PRIMARY','BACKUP')`),
    check('care_team_dates_check', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/**
 * A family member who acts for a client with their own CLIENT-role login (PRODUCT.md "family"):
 * they see what the client sees. One client per family member; admins make and end the link.
 */
export const familyLinks = pgTable(
  'family_links',
  {
    id: id(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => users.id),
    familyUserId: uuid('family_user_id')
      .notNull()
      .references(() => users.id),
    /** How they relate to the client, in the admin's words ("daughter"). */
    relationship: text('relationship'),
    ...bookkeeping(),
  },
  (t) => [
    uniqueIndex('family_links_one_client_key').on(t.familyUserId).where(sql`${t.deletedAt} is null`),
    index('family_links_client_idx').on(t.clientId),
    check('family_links_not_self_check', sql`${t.clientId} <> ${t.familyUserId}`),
  ],
);
