'use client';

import { useEffect, useRef, useState } from 'react';

/** How far (CSS px) the finger pulls down from the top before letting go refreshes. */
export const PULL_THRESHOLD = 70;

/**
 * Pull to refresh: a finger dragged down while the page is at its top, then let go past the
 * threshold, calls `refresh`. The Refresh button does the same for keyboards and screen readers.
 * Returns how far the pull has gone (0 when none), for the indicator.
 */
export function usePullToRefresh(refresh: () => void): number {
  const [pulled, setPulled] = useState(0);
  const start = useRef<number | null>(null);
  const distanceRef = useRef(0);
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;

  useEffect(() => {
    const atTop = () => (document.scrollingElement?.scrollTop ?? window.scrollY) <= 0;
    const onStart = (event: TouchEvent) => {
      start.current = atTop() && event.touches.length === 1 ? event.touches[0]!.clientY : null;
    };
    const onMove = (event: TouchEvent) => {
      if (start.current === null) return;
      const distance = event.touches[0]!.clientY - start.current;
      distanceRef.current = distance > 0 && atTop() ? Math.min(distance, PULL_THRESHOLD * 1.5) : 0;
      setPulled(distanceRef.current);
    };
    const onEnd = () => {
      if (start.current !== null && distanceRef.current >= PULL_THRESHOLD) refreshRef.current();
      distanceRef.current = 0;
      setPulled(0);
      start.current = null;
    };
    window.addEventListener('touchstart', onStart, { passive: true });
    window.addEventListener('touchmove', onMove, { passive: true });
    window.addEventListener('touchend', onEnd);
    window.addEventListener('touchcancel', onEnd);
    return () => {
      window.removeEventListener('touchstart', onStart);
      window.removeEventListener('touchmove', onMove);
      window.removeEventListener('touchend', onEnd);
      window.removeEventListener('touchcancel', onEnd);
    };
  }, []);
  return pulled;
}
