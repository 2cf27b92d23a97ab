/**
 * On an answer the worker app's service worker gave from its copy (apps/mobile-web/sw/sw.ts): when
 * the copy was saved, in milliseconds since 1970. An answer from the network has none. Its own
 * module, so the service worker takes the name from here without the app's code.
 */
export const SAVED_AT_HEADER = 'x-caretracker-saved-at';
