// Plain values (no React, no Next): the server config, the client and the tests all read them.

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The cookie that decides the language (the front-end contract); the profile's language sets it. */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** The agency's zone, used until the profile names one (the demo agency is in Portland, Oregon). */
export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The app language for a profile's preferred language (a BCP 47 tag such as `es`, `es-MX`, `zh`):
 * its primary subtag when the apps speak it, otherwise null (keep the current language).
 */
export function localeFromLanguage(tag: string | null | undefined): Locale | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(primary) ? primary : null;
}

/** The best of our locales for an Accept-Language header (no cookie yet: a first visit). */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const locale = localeFromLanguage(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/** Text size, saved per device in a cookie so the server renders the page at that size at once. */
export const TEXT_SIZES = ['normal', 'large', 'larger'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const TEXT_SIZE_COOKIE = 'ct_text_size';

export function textSizeFrom(value: unknown): TextSize {
  return typeof value === 'string' && (TEXT_SIZES as readonly string[]).includes(value)
    ? (value as TextSize)
    : 'normal';
}

/** The class on <html> for a text size (theme.css scales the root font size). */
export function textSizeClass(size: TextSize): string | undefined {
  return size === 'normal' ? undefined : `text-size-${size}`;
}
