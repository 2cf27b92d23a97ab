// Loaders for the account forms' schemas (see SchemaLoader): each imports zod and the shared
// schemas only when the form is on screen, never in the route's initial JS.

export const loadContactSchema = () => import('./contact-form-schema').then((m) => m.contactFormSchema);
export const loadResetRequestSchema = () =>
  import('@caretracker/shared/auth').then((m) => m.passwordResetRequestBodySchema);
export const loadMfaEnableSchema = () =>
  import('@caretracker/shared/auth').then((m) => m.mfaEnableBodySchema.pick({ code: true }));
// Turning it off takes a current authenticator code (the API does not take recovery codes here).
export const loadMfaDisableSchema = () =>
  import('@caretracker/shared/auth').then((m) =>
    m.mfaDisableBodySchema.extend({ code: m.mfaEnableBodySchema.shape.code }),
  );
export const loadResetPasswordSchema = () => import('./password-form').then((m) => m.resetPasswordSchema());

/** The change-password rules know the user (a password must not contain their name or email). */
export const changePasswordLoader = (person: { email: string; firstName: string; lastName: string }) => () =>
  import('./password-form').then((m) => m.changePasswordSchema(person));
