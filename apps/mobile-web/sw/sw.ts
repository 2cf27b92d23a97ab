// The care worker app's service worker, built by `serwist build` (serwist.config.mjs) into
// public/sw.js after `next build`. It keeps the app shell on the phone so the app opens without a
// connection: the build's files and the offline pages are precached (Serwist's manifest, injected
// at self.__SW_MANIFEST), pages are fetched network first with the cached copy as fallback.
//
// API answers are NOT cached here. The visits, briefings and the signed-in user live in the app's
// own IndexedDB copy (TanStack Query's persister, cleared at sign-out), which shows their age; a
// second copy here would keep PHI in another place, answer an offline refetch with old data as if
// it were new, and (Cache Storage ignores cookies) could hand one user's answers to the next on a
// shared phone.
import {
  CacheFirst,
  ExpirationPlugin,
  NetworkFirst,
  type PrecacheEntry,
  Serwist,
  type SerwistGlobalConfig,
} from 'serwist';

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

/** The visit screen's frame, precached under this stand-in id (serwist.config.mjs; visit-loader.tsx reads the real id). */
const VISIT_SHELL = '/visits/offline';
/** The hand-written worker's cache (before Serwist): deleted when this one takes over. */
const LEGACY_CACHE = 'caretracker-shell-v1';

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  // Precache named caretracker-precache-v2-<scope>; the page keeps it at sign-out (build files and empty frames only).
  cacheId: 'caretracker',
  precacheOptions: { cleanupOutdatedCaches: true },
  // As before: a new version takes over at once, and controls the open pages.
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [
    {
      // Hashed build files missing from the precache (it holds this build's): never change, so cache first.
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/_next/static/'),
      handler: new CacheFirst({
        cacheName: 'caretracker-static',
        plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * 24 * 60 * 60 })],
      }),
    },
  ],
});

// Pages: the network first (a page is rendered in the user's language, and the precache would
// answer cache first), then the copy last loaded, then the precached frame of its route. Handled
// ahead of Serwist's own listener, which would send a precached URL to the precache.
const pages = new NetworkFirst({
  cacheName: 'caretracker-pages',
  networkTimeoutSeconds: 6,
  plugins: [new ExpirationPlugin({ maxEntries: 40, maxAgeSeconds: 7 * 24 * 60 * 60 })],
});

async function shellFor(url: URL): Promise<Response | undefined> {
  if (url.pathname.startsWith('/visits/')) return serwist.matchPrecache(VISIT_SHELL);
  return (await serwist.matchPrecache(url.pathname)) ?? serwist.matchPrecache('/');
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.mode !== 'navigate' || request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === '/health') return;
  event.stopImmediatePropagation();
  event.respondWith(
    pages.handle({ event, request }).catch(async (error: unknown) => {
      const shell = await shellFor(url);
      if (shell) return shell;
      throw error;
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.delete(LEGACY_CACHE));
});

serwist.addEventListeners();
