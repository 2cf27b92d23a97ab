'use client';

import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { Button } from '../components/button';
import { LOCALES, type Locale } from '../i18n/locales';
import { setLocaleCookie } from '../i18n/preferences-cookies';

/** Each language named in itself, so a user who cannot read the current one still finds theirs. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };

/**
 * Switches the language of the page: sets NEXT_LOCALE and re-renders the server components.
 * `onSwitch` also saves it to the profile when signed in (the profile then wins at next sign-in).
 */
export function useSwitchLocale(onSwitch?: (locale: Locale) => Promise<unknown> | undefined) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const switchTo = (locale: Locale) => {
    setLocaleCookie(locale);
    startTransition(async () => {
      await onSwitch?.(locale);
      router.refresh();
    });
  };
  return { switchTo, pending };
}

/** One button offering the other language ("Español" on an English page), for the headers. */
export function LanguageSwitch({ onSwitch }: { onSwitch?: (locale: Locale) => Promise<unknown> | undefined }) {
  const locale = useLocale();
  const t = useTranslations('shell');
  const { switchTo, pending } = useSwitchLocale(onSwitch);
  const other = LOCALES.find((candidate) => candidate !== locale) ?? 'en';
  return (
    <Button
      variant="quiet"
      onPress={() => switchTo(other)}
      isPending={pending}
      aria-label={`${LANGUAGE_NAMES[other]} (${t('changeLanguage')})`}
    >
      <span lang={other}>{LANGUAGE_NAMES[other]}</span>
    </Button>
  );
}
