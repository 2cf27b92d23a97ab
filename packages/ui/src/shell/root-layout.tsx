import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { preconnect } from 'react-dom';
import type { AppKey } from '../apps';
import { TEXT_SIZE_COOKIE, textSizeClass, textSizeFrom } from '../i18n/locales';
import { AppProviders } from './providers';

/** The root metadata of an app: page titles read "Page · App · CareTracker", in the user's language. */
export async function appMetadata(app: AppKey): Promise<Metadata> {
  const t = await getTranslations('apps');
  const name = t(`${app}.name`);
  return {
    title: { template: `%s · ${name} · CareTracker`, default: `${name} · CareTracker` },
    description: t(`${app}.description`),
  };
}

/** A page's title from a message key (the same text as its h1): `export const generateMetadata = pageTitle('account.profile.title')`. */
export function pageTitle(key: string) {
  return async (): Promise<Metadata> => {
    const t = await getTranslations();
    return { title: t(key) };
  };
}

/** The Next.js `viewport` every app's root layout exports (zoom is never disabled). */
export const appViewport: Viewport = { themeColor: '#0b5394', width: 'device-width', initialScale: 1 };

export interface RootLayoutProps {
  apiUrl: string;
  children: ReactNode;
  /** Extra elements at the end of <body> (the worker app's service worker registration). */
  extra?: ReactNode;
}

/**
 * The <html> and <body> of every app: `lang` from the NEXT_LOCALE cookie, the device's text size
 * as a class (no flash: the server renders it), the messages for client components, and the providers.
 */
export async function RootLayout({ apiUrl, children, extra }: RootLayoutProps) {
  // Every signed-in page's first calls go to the API: open the connection while the JavaScript loads.
  // `use-credentials` matches the API client's credentialed fetches (they use their own connection pool).
  preconnect(apiUrl, { crossOrigin: 'use-credentials' });
  const locale = await getLocale();
  const textSize = textSizeFrom((await cookies()).get(TEXT_SIZE_COOKIE)?.value);
  return (
    <html lang={locale} className={textSizeClass(textSize)}>
      <body className="min-h-screen bg-canvas font-sans text-ink antialiased">
        <NextIntlClientProvider>
          <AppProviders apiUrl={apiUrl}>{children}</AppProviders>
        </NextIntlClientProvider>
        {extra}
      </body>
    </html>
  );
}
