import { z } from 'zod';
import { emailSchema, passwordInputSchema } from './auth';
import { paginationQuerySchema } from './envelope';
import { ROLES } from './roles';

const text = (max: number) => z.string().trim().min(1).max(max);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()\-.]{7,20}$/, 'must be a phone number');
const isoDate = z.iso.date();

export const addressSchema = z.strictObject({
  line1: text(200),
  line2: text(200).nullish(),
  city: text(100),
  state: text(100).nullish(),
  postalCode: text(20),
  country: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 two-letter country code')
    .default('US'),
});
export const coordinatesSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export const emergencyContactSchema = z.strictObject({
  name: text(200),
  phone,
  relationship: text(100).nullish(),
});
export const insuranceSchema = z.strictObject({
  provider: text(200),
  policyNumber: text(100),
  groupNumber: text(100).nullish(),
  expiresOn: isoDate.nullish(),
});
export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export const availabilitySlotSchema = z
  .strictObject({
    day: z.enum(WEEKDAYS),
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM'),
    end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM'),
  })
  .refine((slot) => slot.start < slot.end, { message: 'end must be after start', path: ['end'] });

const timezone = z.string().refine(
  (value) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as America/New_York' },
);

/** Contact fields: the only part of a profile a client or worker may change themselves. */
export const contactFieldsSchema = z.strictObject({
  phone: phone.nullish(),
  alternatePhone: phone.nullish(),
  address: addressSchema.nullish(),
  emergencyContact: emergencyContactSchema.nullish(),
  preferredLanguage: z.string().trim().min(2).max(35).nullish(),
  timezone: timezone.nullish(),
});

export const profileFieldsSchema = contactFieldsSchema.extend({
  homeLocation: coordinatesSchema.nullish(),
  dateOfBirth: isoDate.nullish(),
  medicalRecordNumber: text(50).nullish(),
  insurance: insuranceSchema.nullish(),
  allergies: z.array(text(200)).max(100).nullish(),
  medications: z.array(text(200)).max(100).nullish(),
  conditions: z.array(text(200)).max(100).nullish(),
  specialNeeds: text(2000).nullish(),
  skills: z.array(text(100)).max(50).nullish(),
  availability: z.array(availabilitySlotSchema).max(50).nullish(),
  hourlyRateCents: z.number().int().min(0).max(10_000_00).nullish(),
});
export type ProfileFields = z.infer<typeof profileFieldsSchema>;

export const createUserBodySchema = z.strictObject({
  email: emailSchema,
  password: passwordInputSchema,
  role: z.enum(ROLES),
  firstName: text(100),
  lastName: text(100),
  /** Supervisor whose team a new worker or client joins (defaults to the creating supervisor). */
  supervisorId: z.uuid().nullish(),
  profile: profileFieldsSchema.optional(),
});
export type CreateUserBody = z.input<typeof createUserBodySchema>;
export type CreateUserInput = z.output<typeof createUserBodySchema>;

export const updateUserBodySchema = z.strictObject({
  firstName: text(100).optional(),
  lastName: text(100).optional(),
  email: emailSchema.optional(),
  role: z.enum(ROLES).optional(),
  isActive: z.boolean().optional(),
  supervisorId: z.uuid().nullish(),
  profile: profileFieldsSchema.partial().optional(),
  /** Optimistic concurrency: the version the caller last read. */
  version: z.number().int().min(1).optional(),
});
export type UpdateUserBody = z.input<typeof updateUserBodySchema>;
export type UpdateUserInput = z.output<typeof updateUserBodySchema>;

export const listUsersQuerySchema = paginationQuerySchema.extend({
  role: z.enum(ROLES).optional(),
  isActive: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  search: z.string().trim().min(1).max(100).optional(),
});
export type ListUsersQuery = z.output<typeof listUsersQuerySchema>;

export const profileViewSchema = profileFieldsSchema.partial();

export const userViewSchema = z.object({
  id: z.uuid(),
  email: z.string().optional(),
  role: z.enum(ROLES),
  firstName: z.string(),
  lastName: z.string(),
  isActive: z.boolean().optional(),
  emailVerified: z.boolean().optional(),
  mfaEnabled: z.boolean().optional(),
  supervisorId: z.uuid().nullable().optional(),
  lastLoginAt: z.string().nullable().optional(),
  /**
   * In `GET /users/:id`: when the sign-in lock (after repeated failed sign-ins) ends, or null when
   * the account is not locked. Admins can end it early with `POST /users/:id/unlock`.
   */
  lockedUntil: z.string().nullable().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  version: z.number().int().optional(),
  profile: profileViewSchema.optional(),
  /** Present when the record was opened through break-glass access. */
  breakGlass: z
    .object({ grantId: z.uuid(), expiresAt: z.string(), remainingSeconds: z.number().int().min(0) })
    .optional(),
});
export type UserView = z.infer<typeof userViewSchema>;
