'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { ApiError } from './api-client';

// The API's messages are written for people, in English. In English we show them as they are
// (they are the most specific); in other languages a message the catalogue knows is translated,
// and any other falls back to the translated sentence for its error code.
const KNOWN_MESSAGES: Record<string, string> = {
  'Invalid email or password': 'invalidCredentials',
  'Account temporarily locked after repeated failed logins': 'accountLocked',
  'The sign-in step has expired; sign in again': 'signInStepExpired',
  'Invalid verification code': 'invalidCode',
  'This reset link is invalid or has expired; ask for a new one': 'resetLinkInvalid',
  'Current password is not correct': 'currentPasswordWrong',
  'Password was used recently': 'passwordRecent',
  'Multi-factor authentication is already enabled': 'mfaAlreadyEnabled',
};

const CODE_MESSAGES: Record<string, string> = {
  NETWORK_ERROR: 'network',
  VALIDATION_ERROR: 'validation',
  BAD_REQUEST: 'validation',
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'notFound',
  CONFLICT: 'conflict',
  UNPROCESSABLE: 'unprocessable',
  PAYLOAD_TOO_LARGE: 'tooLarge',
  UNSUPPORTED_MEDIA_TYPE: 'unsupportedType',
  ACCOUNT_LOCKED: 'accountLocked',
  SERVICE_UNAVAILABLE: 'unavailable',
};

/** `describe(error)`: a sentence for the user in their language. Never a stack or an internal code. */
export function useErrorMessage(): (error: unknown) => string {
  const t = useTranslations('errors');
  const locale = useLocale();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError)) return t('unexpected');
      if (error.status === 429) {
        return error.retryAfterSeconds ? t('rateLimitedFor', { seconds: error.retryAfterSeconds }) : t('rateLimited');
      }
      if (error.code === 'NETWORK_ERROR') return t('network');
      const known = KNOWN_MESSAGES[error.message];
      if (known) return t(known);
      if (locale === 'en' && error.status < 500 && error.message) return error.message;
      const byCode = CODE_MESSAGES[error.code];
      return byCode ? t(byCode) : t('unexpected');
    },
    [t, locale],
  );
}
