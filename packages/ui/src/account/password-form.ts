import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems } from '@caretracker/shared/password-policy';
import { z } from 'zod';

// The password rules the browser can check as the user types (length; the user's own name or
// email). The leaked-password list is checked by the API; its answer lands on the same field.

interface Person {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

function newPasswordField(person: Person) {
  return z
    .string()
    .min(PASSWORD_MIN_LENGTH)
    .max(PASSWORD_MAX_LENGTH)
    .superRefine((value, ctx) => {
      const personal = passwordProblems(value, person, () => false).includes('must not contain your email or name');
      if (personal) ctx.addIssue({ code: 'custom', message: 'Password must not contain your email or name' });
    });
}

const confirmed = <T extends { newPassword: string; confirmPassword: string }>(values: T) =>
  values.newPassword === values.confirmPassword;

export function changePasswordSchema(person: Person) {
  return z
    .object({
      currentPassword: z.string().min(1),
      newPassword: newPasswordField(person),
      confirmPassword: z.string().min(1),
      endOtherSessions: z.boolean(),
    })
    .refine(confirmed, { path: ['confirmPassword'], message: 'passwords-differ' });
}

export function resetPasswordSchema() {
  return z
    .object({ newPassword: newPasswordField({}), confirmPassword: z.string().min(1) })
    .refine(confirmed, { path: ['confirmPassword'], message: 'passwords-differ' });
}
