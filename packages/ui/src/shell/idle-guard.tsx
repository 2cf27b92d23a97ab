'use client';

import { lazy, Suspense, useEffect } from 'react';
import { IDLE_WARNING_SECONDS } from './idle-timeout';
import { useIdleLogout } from './use-idle-logout';

// The warning shows after minutes of idleness: its dialog code loads after the page, not with it
// (fetched a few seconds in, so it is there when the device is offline by then).
const loadIdleWarning = () => import('./idle-warning-dialog').then((module) => ({ default: module.IdleWarningDialog }));
const IdleWarningDialog = lazy(loadIdleWarning);

export interface IdleGuardProps {
  timeoutMinutes: number;
  /** When the page opened: the idle time counts from then, not from when this loaded. */
  openedAt: number;
  /** Ends the session and leaves (here or because another tab did). */
  onIdle: () => void;
}

/**
 * A signed-in page's idle sign-out and its warning a minute before. SignedInLayout loads it after
 * the page's own code: it counts from the page's opening and the activity stored across tabs, so
 * starting a moment later loses nothing.
 */
export function IdleGuard({ timeoutMinutes, openedAt, onIdle }: IdleGuardProps) {
  const idle = useIdleLogout({ timeoutMinutes, openedAt, onIdle });
  useEffect(() => {
    const timer = window.setTimeout(() => void loadIdleWarning(), 3000);
    return () => window.clearTimeout(timer);
  }, []);
  if (idle.secondsLeft === null) return null;
  return (
    <Suspense fallback={null}>
      <IdleWarningDialog secondsLeft={idle.secondsLeft} warningSeconds={IDLE_WARNING_SECONDS} onStay={idle.stay} />
    </Suspense>
  );
}
