'use client';

import { useEffect } from 'react';
import { WORKER_CACHE_DB } from './cache-db';

/**
 * Signed out (or about to sign in, perhaps as someone else on a shared phone): the cached visits
 * and briefings leave the device, so nobody sees the last user's clients. The outbox is kept: its
 * changes belong to their user and are sent only with that user's session.
 */
export function ForgetCache() {
  useEffect(() => {
    try {
      indexedDB.deleteDatabase(WORKER_CACHE_DB);
    } catch {
      // No IndexedDB (private mode): nothing was stored.
    }
  }, []);
  return null;
}
