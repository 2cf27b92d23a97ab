import type { $ZodRawIssue } from 'zod/v4/core';

/** A translator for the `validation` namespace (next-intl's `useTranslations('validation')`). */
export type ValidationT = (key: string, values?: Record<string, string | number>) => string;

// Messages the shared schemas and the API write in English, and their keys in `validation`:
// the same rule reads the same in the form as the user types and after the server answers.
const KNOWN: Record<string, string> = {
  'must be a phone number': 'phone',
  'must be an ISO 3166 two-letter country code': 'country',
  'must be an IANA time zone such as America/New_York': 'timeZone',
  'must be HH:MM': 'time',
  'must be a 6-digit code or a recovery code': 'codeOrRecovery',
  'must be a 6-digit code': 'sixDigitCode',
  'end must be after start': 'endAfterStart',
  'must explain the emergency in at least 20 characters': 'explainEmergency',
  'passwords-differ': 'passwordsDiffer',
  'is not correct': 'notCorrect',
  'is already in use': 'inUse',
  'is not yours to change': 'notYours',
  'Password must be at least 12 characters': 'passwordTooShort',
  'Password must be at most 128 characters': 'passwordTooLong',
  'Password is too common: it appears in lists of leaked passwords': 'passwordCommon',
  'Password must not contain your email or name': 'passwordPersonal',
  'Password must differ from your last 5 passwords': 'passwordRecent',
};

/** The user's language for a field message from a shared schema or the API; unknown ones pass through. */
export function translateFieldMessage(message: string, t: ValidationT): string {
  const key = KNOWN[message];
  return key ? t(key) : message;
}

/**
 * zod's per-parse error map (schemaOptions.error of the resolver): the generic rules in the user's
 * language. Messages a schema names itself win over this (zod's precedence) and are translated by
 * `translateFieldMessage` afterwards.
 */
export function zodIssueMessage(t: ValidationT) {
  return (issue: $ZodRawIssue): string | undefined => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined || issue.input === null || issue.input === '' ? t('required') : t('invalid');
      case 'too_small': {
        const minimum = Number(issue.minimum);
        if (issue.origin === 'string') return minimum <= 1 ? t('required') : t('tooShort', { minimum });
        if (issue.origin === 'array' || issue.origin === 'set') return t('chooseAtLeast', { minimum });
        return t('atLeast', { minimum });
      }
      case 'too_big': {
        const maximum = Number(issue.maximum);
        if (issue.origin === 'string') return t('tooLong', { maximum });
        if (issue.origin === 'array' || issue.origin === 'set') return t('chooseAtMost', { maximum });
        return t('atMost', { maximum });
      }
      case 'invalid_format':
        return issue.format === 'email' ? t('email') : t('invalid');
      case 'invalid_value':
        return t('chooseOne');
      default:
        return t('invalid');
    }
  };
}
