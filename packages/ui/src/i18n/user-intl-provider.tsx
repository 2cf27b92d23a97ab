'use client';

import { NextIntlClientProvider, useLocale, useMessages } from 'next-intl';
import type { ReactNode } from 'react';
import { formats } from './formats';
import { DEFAULT_TIME_ZONE } from './locales';

/**
 * Formats in the signed-in user's time zone (from the profile) instead of the agency default, so
 * a visit at 09:00 in Portland reads 09:00 on a phone set to any zone.
 */
export function UserIntlProvider({ timeZone, children }: { timeZone: string | null | undefined; children: ReactNode }) {
  const locale = useLocale();
  const messages = useMessages();
  return (
    <NextIntlClientProvider
      locale={locale}
      messages={messages}
      formats={formats}
      timeZone={timeZone || DEFAULT_TIME_ZONE}
    >
      {children}
    </NextIntlClientProvider>
  );
}
