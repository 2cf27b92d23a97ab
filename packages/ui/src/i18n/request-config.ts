// Server only: the apps' i18n/request.ts is `export default createRequestConfig(loadAppMessages)`.
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { formats } from './formats';
import { DEFAULT_TIME_ZONE, isLocale, LOCALE_COOKIE, type Locale, negotiateLocale } from './locales';
import { type MessageTree, mergeMessages } from './merge-messages';

const sharedMessages: Record<Locale, () => Promise<MessageTree>> = {
  en: () => import('./messages/en.json').then((module) => module.default as MessageTree),
  es: () => import('./messages/es.json').then((module) => module.default as MessageTree),
};

/** The language of this request: the NEXT_LOCALE cookie, else the browser's Accept-Language. */
export async function requestLocale(): Promise<Locale> {
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  return negotiateLocale((await headers()).get('accept-language'));
}

/**
 * next-intl's request configuration for an app: locale from the cookie, the shared messages with
 * the app's merged over them, the agency's time zone until the signed-in user's profile names one
 * (UserIntlProvider then takes over on the client).
 */
export function createRequestConfig(loadAppMessages: (locale: Locale) => Promise<MessageTree>) {
  return getRequestConfig(async () => {
    const locale = await requestLocale();
    const [shared, app] = await Promise.all([sharedMessages[locale](), loadAppMessages(locale)]);
    return { locale, messages: mergeMessages(shared, app), timeZone: DEFAULT_TIME_ZONE, formats };
  });
}
