'use client';

import { LOCALE_COOKIE, type Locale, TEXT_SIZE_COOKIE, TEXT_SIZES, type TextSize, textSizeClass } from './locales';

const YEAR_SECONDS = 365 * 24 * 3600;

function readCookie(name: string): string | undefined {
  return document.cookie
    .split('; ')
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

function writeCookie(name: string, value: string) {
  // Not httpOnly: the page sets it. Lax, whole site, a year: a device setting, not a secret.
  // biome-ignore lint/suspicious/noDocumentCookie: Cookie Store API is not in every supported browser yet
  document.cookie = `${name}=${value}; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax`;
}

export function currentLocaleCookie(): string | undefined {
  return readCookie(LOCALE_COOKIE);
}

/** Sets the language cookie; the caller refreshes the page's server components (router.refresh()). */
export function setLocaleCookie(locale: Locale) {
  writeCookie(LOCALE_COOKIE, locale);
}

/** Saves the text size for this device and applies it at once (theme.css scales the root font). */
export function setTextSize(size: TextSize) {
  writeCookie(TEXT_SIZE_COOKIE, size);
  const root = document.documentElement;
  for (const other of TEXT_SIZES) {
    const className = textSizeClass(other);
    if (className) root.classList.remove(className);
  }
  const className = textSizeClass(size);
  if (className) root.classList.add(className);
}
