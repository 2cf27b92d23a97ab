'use client';

import { useEffect } from 'react';

/** Registers /sw.js in production builds, so the app shell opens without a connection. */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Not fatal: the app works online without it.
    });
  }, []);
  return null;
}
