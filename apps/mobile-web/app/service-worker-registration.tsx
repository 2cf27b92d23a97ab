'use client';

import { clearRuntimeCaches } from '@caretracker/ui/offline/device-caches';
import { useEffect } from 'react';
import { WORKER_CACHE_DB } from '@/lib/cache-db';

/** Pages where nobody is signed in: no client data may stay on the device there. */
const SIGNED_OUT_PAGES = new Set(['/login', '/forgot-password', '/reset-password']);

/**
 * Registers /sw.js (built from sw/sw.ts by Serwist) in production builds, so the app shell opens
 * without a connection. On the signed-out pages it also clears the device's read cache (visits,
 * briefings) and the service worker's runtime caches (pages as last loaded), so a shared phone
 * shows nobody the last user's clients, whichever way the session ended; the outbox stays (its
 * changes are sent only with their own user's session).
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (SIGNED_OUT_PAGES.has(window.location.pathname)) {
      try {
        indexedDB.deleteDatabase(WORKER_CACHE_DB);
      } catch {
        // No IndexedDB (private mode): nothing was stored.
      }
      void clearRuntimeCaches();
    }
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Not fatal: the app works online without it.
    });
  }, []);
  return null;
}
