import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { NextIntlClientProvider } from 'next-intl';
import { type ReactElement, type ReactNode, useState } from 'react';
import { ApiProvider } from '../data/api-context';
import { createQueryClient } from '../data/query-client';
import { formats } from '../i18n/formats';
import type { Locale } from '../i18n/locales';
import en from '../i18n/messages/en.json';
import es from '../i18n/messages/es.json';

const messages = { en, es };

function Providers({ locale, children }: { locale: Locale; children: ReactNode }) {
  const [queryClient] = useState(() => createQueryClient());
  return (
    <NextIntlClientProvider
      locale={locale}
      messages={messages[locale]}
      formats={formats}
      timeZone="America/Los_Angeles"
    >
      <ApiProvider apiUrl="http://api.test">
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </ApiProvider>
    </NextIntlClientProvider>
  );
}

/** Renders a component with what AppProviders gives it: messages, a query client, the API client. */
export function renderWithProviders(ui: ReactElement, { locale = 'en' as Locale } = {}) {
  return render(<Providers locale={locale}>{ui}</Providers>);
}
