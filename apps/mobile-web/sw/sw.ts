// The care worker app's service worker, built by `serwist build` (serwist.config.mjs) into
// public/sw.js after `next build`. It keeps the app shell on the phone so the app opens without a
// connection: the build's files and the offline pages are precached (Serwist's manifest, injected
// at self.__SW_MANIFEST), pages are fetched network first with the cached copy as fallback.
//
// The worker's API reads of the day (the visit lists, a visit, its briefing and doses due) are
// also kept here, network first (API_CACHE): a second copy beside the app's IndexedDB read cache
// (TanStack Query's persister), so a visit whose briefing the read cache lost (its write waits a
// second, it keeps a day) still opens offline. The same PHI on the same device as the read cache,
// and cleared with it: at sign-out and at the idle sign-out (clearRuntimeCaches() deletes every
// cache but the precache; Cache Storage ignores cookies, so nothing may outlive the session; this
// worker empties the expiry records of their URLs), and after two days at most. Only GETs, only
// 200 answers; nothing else of the API is kept.
import { SAVED_AT_HEADER } from '@caretracker/ui/offline/saved-at';
import {
  CacheFirst,
  ExpirationPlugin,
  NetworkFirst,
  type PrecacheEntry,
  Serwist,
  type SerwistGlobalConfig,
  type SerwistPlugin,
} from 'serwist';

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

/** The visit screen's frame, precached under this stand-in id (serwist.config.mjs; visit-loader.tsx reads the real id). */
const VISIT_SHELL = '/visits/offline';
/** The worker's API reads (see the top of this file); clearRuntimeCaches() deletes it at sign-out. */
const API_CACHE = 'caretracker-api';
/** The API reads kept: the visit lists (my day), a visit, its briefing and its doses due. */
const API_READS = /\/visits(\/[0-9a-f-]{36}(\/(briefing|medications))?)?$/;

/** When the page last signed out (its POST /auth/logout passes through here); 0 since this worker started. */
let signedOutAt = 0;
/** When the page last asked to sign in (POST /auth/login, or the second step); 0 since this worker started. */
let signedInAt = 0;
const SIGN_IN_PATHS = ['/auth/login', '/auth/mfa/verify', '/auth/mfa/enable'];

/**
 * Keeps an answer only when its request started in a session begun after the last sign-out: a read
 * still on its way when the user signs out (the day's background prefetch), or one started while
 * the sign-out was on its way (the session's cookie still good, a live update's refetch), must not
 * land in the cache that sign-out empties, nor in the expiry records (forgetCachedUrls) it clears.
 * Listed after the ExpirationPlugin: its cacheDidUpdate runs once the plugin has recorded the URL,
 * so a sign-out that came while the copy was being written takes the copy and its record away.
 * (In memory: a request in flight keeps this worker alive.)
 */
function sameSessionOnly({ keep }: { keep: (response: Response) => Promise<Response | null> }): SerwistPlugin {
  const outsideTheSession = (state: { startedAt?: unknown } | undefined) =>
    (typeof state?.startedAt === 'number' ? state.startedAt : Date.now()) <= signedOutAt || signedInAt < signedOutAt;
  return {
    requestWillFetch: async ({ request, state }) => {
      if (state) state.startedAt = Date.now();
      return request;
    },
    cacheWillUpdate: async ({ response, state }) => (outsideTheSession(state) ? null : keep(response)),
    cacheDidUpdate: async ({ cacheName, request, state }) => {
      if (!outsideTheSession(state)) return;
      if (await caches.has(cacheName)) await (await caches.open(cacheName)).delete(request);
      await forgetCachedUrls(`${cacheName}|${withoutHash(request.url)}`);
    },
  };
}

function withoutHash(href: string): string {
  const url = new URL(href);
  url.hash = '';
  return url.href;
}

/**
 * The copy to keep, stamped with the time it was saved, so the page dates data given from it by
 * the copy's age, not by the moment it was read back. The page reads the API cross-origin: the
 * stamp is exposed to it, and the copy says which origin may read it, as the API's answer did.
 */
async function withSavedAt(response: Response): Promise<Response> {
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT_HEADER, String(Date.now()));
  headers.set('access-control-expose-headers', SAVED_AT_HEADER);
  headers.set('access-control-allow-origin', self.location.origin);
  headers.set('access-control-allow-credentials', 'true');
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
}

/** Serwist's expiry bookkeeping (ExpirationPlugin): one row per cached URL, with when it was cached. */
const EXPIRATION_DB = 'serwist-expiration';
const EXPIRATION_STORE = 'cache-entries';

/**
 * Empties the expiry bookkeeping at sign-out: the page deletes the caches themselves, but their URLs
 * (which visits this worker opened, and when) would stay in IndexedDB. With an id (Serwist's
 * `<cache name>|<URL without #>`), forgets that one entry. Never creates the database (an upgrade is
 * aborted: Serwist creates it with its own schema) and never fails the sign-out.
 */
function forgetCachedUrls(id?: string): Promise<void> {
  return new Promise((resolve) => {
    const opening = indexedDB.open(EXPIRATION_DB);
    opening.onupgradeneeded = () => opening.transaction?.abort();
    opening.onerror = () => resolve();
    opening.onsuccess = () => {
      const db = opening.result;
      if (!db.objectStoreNames.contains(EXPIRATION_STORE)) {
        db.close();
        resolve();
        return;
      }
      const clearing = db.transaction(EXPIRATION_STORE, 'readwrite');
      const store = clearing.objectStore(EXPIRATION_STORE);
      if (id === undefined) store.clear();
      else store.delete(id);
      clearing.oncomplete =
        clearing.onerror =
        clearing.onabort =
          () => {
            db.close();
            resolve();
          };
    };
  });
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'POST') return;
  const { pathname } = new URL(request.url);
  if (SIGN_IN_PATHS.some((path) => pathname.endsWith(path))) signedInAt = Date.now();
  if (!pathname.endsWith('/auth/logout')) return;
  signedOutAt = Date.now();
  event.waitUntil(forgetCachedUrls());
});

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
      // The API's JSON reads of the day (its requests ask for application/json; the app's own
      // pages and their RSC payloads do not). A slow network waits 4 s before the copy answers.
      matcher: ({ url, request }) =>
        request.method === 'GET' &&
        request.mode !== 'navigate' &&
        (request.headers.get('accept') ?? '').includes('application/json') &&
        API_READS.test(url.pathname),
      method: 'GET',
      handler: new NetworkFirst({
        cacheName: API_CACHE,
        networkTimeoutSeconds: 4,
        plugins: [
          new ExpirationPlugin({ maxEntries: 100, maxAgeSeconds: 2 * 24 * 60 * 60 }),
          // Never a refusal, an error or a redirect: a 401 kept would answer the next offline read.
          sameSessionOnly({ keep: async (response) => (response.status === 200 ? withSavedAt(response) : null) }),
        ],
      }),
    },
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
  plugins: [
    new ExpirationPlugin({ maxEntries: 40, maxAgeSeconds: 7 * 24 * 60 * 60 }),
    // A page of the session (a visit's screen) fetched as the user signed out is not kept either.
    sameSessionOnly({ keep: async (response) => (response.status === 200 ? response : null) }),
  ],
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
