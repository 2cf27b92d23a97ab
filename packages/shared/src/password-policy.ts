/**
 * Password rules after OWASP ASVS 5 (6.2.x): length only, no composition rules,
 * refused when common or built from the user's own identifiers.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_HISTORY_DEPTH = 5;

export interface PasswordContext {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

/** Returns the reasons a password is refused; an empty list means it is acceptable. */
export function passwordProblems(
  password: string,
  context: PasswordContext,
  isCommon: (candidate: string) => boolean,
): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  const lowered = password.toLowerCase();
  if (isCommon(lowered)) problems.push('is too common: it appears in lists of leaked passwords');
  const identifiers = [context.email, context.email?.split('@')[0], context.firstName, context.lastName]
    .filter((value): value is string => typeof value === 'string' && value.length >= 3)
    .map((value) => value.toLowerCase());
  if (identifiers.some((value) => lowered.includes(value))) {
    problems.push('must not contain your email or name');
  }
  return problems;
}
