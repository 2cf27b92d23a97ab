'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useLocale } from 'next-intl';
import { type ReactNode, useState } from 'react';
import { RouterProvider } from 'react-aria-components';
import { I18nProvider } from 'react-aria-components/I18nProvider';
import { Toaster } from '../components/toast';
import { ApiProvider } from '../data/api-context';
import { createQueryClient } from '../data/query-client';
import { departure } from './departure';
import { signInPath } from './sign-in-path';

export interface AppProvidersProps {
  apiUrl: string;
  children: ReactNode;
}

/**
 * Everything a screen relies on, once per app (the root layout renders it): the API client, the
 * query cache (a lost session goes to sign-in, back here afterwards), react-aria's locale and its
 * links routed through Next.js, and the toast region.
 */
export function AppProviders({ apiUrl, children }: AppProvidersProps) {
  const router = useRouter();
  const locale = useLocale();
  const [queryClient] = useState(() =>
    createQueryClient({
      onUnauthorized: () => departure.sessionLost(signInPath(window.location)),
    }),
  );
  return (
    <ApiProvider apiUrl={apiUrl}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider navigate={(href) => router.push(href)}>
          <I18nProvider locale={locale}>
            {children}
            <Toaster />
          </I18nProvider>
        </RouterProvider>
      </QueryClientProvider>
    </ApiProvider>
  );
}
