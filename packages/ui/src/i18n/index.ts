// `@caretracker/ui/i18n`: client-safe pieces (the server's config is `@caretracker/ui/i18n/request-config`).
export { formats } from './formats';
export {
  DEFAULT_LOCALE,
  DEFAULT_TIME_ZONE,
  isLocale,
  LOCALE_COOKIE,
  LOCALES,
  type Locale,
  localeFromLanguage,
  negotiateLocale,
  TEXT_SIZE_COOKIE,
  TEXT_SIZES,
  type TextSize,
  textSizeClass,
  textSizeFrom,
} from './locales';
export { type MessageTree, mergeMessages } from './merge-messages';
export { useNotificationWords } from './notification-words';
export { currentLocaleCookie, setLocaleCookie, setTextSize } from './preferences-cookies';
export { useFormat } from './use-format';
export { UserIntlProvider } from './user-intl-provider';
