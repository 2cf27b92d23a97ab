'use client';

import { lazy, Suspense, useEffect, useState } from 'react';
import { toastQueue } from './toast-queue';

export { type ToastMessage, type ToastTone, toast, toastQueue } from './toast-queue';

const loadRegion = () => import('./toast-region').then((module) => ({ default: module.ToastRegionView }));
const ToastRegionView = lazy(loadRegion);

/**
 * Rendered once by AppProviders, at the bottom of the page (above the phone's bottom bar). The
 * region's code is not in the route's initial JS: it is fetched soon after the page is up (so a
 * toast shown offline still works) and drawn once the first toast is queued.
 */
export function Toaster() {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => void loadRegion(), 2000);
    const unsubscribe = toastQueue.subscribe(() => setActive((was) => was || toastQueue.visibleToasts.length > 0));
    return () => {
      window.clearTimeout(timer);
      unsubscribe();
    };
  }, []);
  return active ? (
    <Suspense fallback={null}>
      <ToastRegionView />
    </Suspense>
  ) : null;
}
