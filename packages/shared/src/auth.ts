import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from './password-policy';
import { ROLES } from './roles';

export const emailSchema = z
  .email()
  .max(254)
  .transform((value) => value.trim().toLowerCase());
/** Length is checked by the policy on the server so the message names every rule at once. */
export const passwordInputSchema = z
  .string()
  .min(1)
  .max(PASSWORD_MAX_LENGTH * 4);

export const loginBodySchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(1024),
  /** `cookie` (browsers, default) sets httpOnly cookies; `body` returns the tokens for API clients. */
  tokenDelivery: z.enum(['cookie', 'body']).default('cookie'),
});
export type LoginBody = z.input<typeof loginBodySchema>;

export const meSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(ROLES),
  firstName: z.string(),
  lastName: z.string(),
  emailVerified: z.boolean(),
  mfaEnabled: z.boolean(),
  timezone: z.string().nullable(),
  /** The profile's preferred language (BCP 47, e.g. `es`); the apps follow it when they speak it. */
  preferredLanguage: z.string().nullable(),
  /** A family member's: the client they act for (the portal shows whose records these are); null for everyone else. */
  actsFor: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }).nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const authenticatedSchema = z.object({
  status: z.literal('authenticated'),
  user: meSchema,
  expiresIn: z.number().int(),
  accessToken: z.string().optional(),
  refreshToken: z.string().optional(),
});

/** What a correct password leads to: a session, or a second factor still to give. */
export const loginResultSchema = z.discriminatedUnion('status', [
  authenticatedSchema,
  z.object({ status: z.literal('mfa_required'), mfaToken: z.string() }),
  z.object({ status: z.literal('mfa_setup_required'), mfaToken: z.string() }),
]);
export type LoginResult = z.infer<typeof loginResultSchema>;

export const mfaCodeSchema = z
  .string()
  .trim()
  .regex(/^(\d{6}|[a-z0-9]{5}-[a-z0-9]{5})$/i, 'must be a 6-digit code or a recovery code');

export const mfaVerifyBodySchema = z.strictObject({
  mfaToken: z.string().min(1),
  code: mfaCodeSchema,
  tokenDelivery: z.enum(['cookie', 'body']).default('cookie'),
});
export const mfaSetupBodySchema = z.strictObject({ mfaToken: z.string().min(1).optional() });
export const mfaSetupResultSchema = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const mfaEnableBodySchema = z.strictObject({
  mfaToken: z.string().min(1).optional(),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be a 6-digit code'),
  tokenDelivery: z.enum(['cookie', 'body']).default('cookie'),
});
export const mfaEnableResultSchema = z.object({
  recoveryCodes: z.array(z.string()),
  session: authenticatedSchema.optional(),
});
export const mfaDisableBodySchema = z.strictObject({ password: z.string().min(1), code: mfaCodeSchema });

export const refreshBodySchema = z.strictObject({
  refreshToken: z.string().min(1).optional(),
  tokenDelivery: z.enum(['cookie', 'body']).optional(),
});

export const passwordChangeBodySchema = z.strictObject({
  currentPassword: z.string().min(1),
  newPassword: passwordInputSchema,
  /** End every other session of this user (the current one stays). */
  endOtherSessions: z.boolean().default(true),
});
export const passwordResetRequestBodySchema = z.strictObject({ email: emailSchema });
export const passwordResetBodySchema = z.strictObject({
  token: z.string().min(16).max(256),
  newPassword: passwordInputSchema,
});
export const emailVerifyBodySchema = z.strictObject({ token: z.string().min(16).max(256) });

export const ACCESS_COOKIE = 'ct_access';
export const REFRESH_COOKIE = 'ct_refresh';
