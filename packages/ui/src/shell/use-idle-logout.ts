'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { LAST_ACTIVITY_KEY, readLastActivity, writeTime as write } from './idle-activity';
import { IDLE_WARNING_SECONDS } from './idle-timeout';

const SIGNED_OUT_KEY = 'caretracker.idleSignedOutAt';
// Pointer moves and scrolls come in bursts; one write every few seconds is plenty.
const WRITE_EVERY_MS = 5_000;
const TICK_MS = 1_000;
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel', 'scroll'] as const;

export interface IdleLogoutOptions {
  timeoutMinutes: number;
  warningSeconds?: number;
  /** When the page opened (counted as activity); now when not given. */
  openedAt?: number;
  /** Called once when the time is up (here or in another tab): end the session and leave. */
  onIdle: () => void;
}

export interface IdleLogoutState {
  /** Seconds until sign-out while the warning is due, otherwise null. */
  secondsLeft: number | null;
  /** The user's explicit "I am still here", the only thing that ends the warning in this tab. */
  stay: () => void;
}

/** Counts user activity across the app's tabs; warns, then calls `onIdle` after `timeoutMinutes` without any. */
export function useIdleLogout({
  timeoutMinutes,
  warningSeconds = IDLE_WARNING_SECONDS,
  openedAt,
  onIdle,
}: IdleLogoutOptions): IdleLogoutState {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const onIdleRef = useRef(onIdle);
  const stayRef = useRef<() => void>(() => {});

  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    const timeoutMs = timeoutMinutes * 60_000;
    let warning = false;
    let ended = false;
    let lastWrite = 0;

    const recordActivity = () => {
      const now = Date.now();
      lastWrite = now;
      write(LAST_ACTIVITY_KEY, now);
    };

    const end = (broadcast: boolean) => {
      if (ended) return;
      ended = true;
      stop();
      if (broadcast) write(SIGNED_OUT_KEY, Date.now());
      onIdleRef.current();
    };

    // Time is always measured from the shared timestamp, so a throttled background tab or a
    // device that slept catches up on its next tick instead of trusting its timers.
    const tick = () => {
      const left = readLastActivity() + timeoutMs - Date.now();
      if (left <= 0) return end(true);
      warning = left <= warningSeconds * 1000;
      setSecondsLeft(warning ? Math.ceil(left / 1000) : null);
    };

    // While the warning is up, stray pointer moves or scrolls do not count: only "Stay signed in".
    const onActivity = () => {
      if (warning || Date.now() - lastWrite < WRITE_EVERY_MS) return;
      recordActivity();
    };
    const onVisibility = () => {
      if (document.visibilityState !== 'visible') return;
      tick(); // coming back after the deadline signs out rather than counting as activity
      if (!ended && !warning) recordActivity();
    };
    const onStorage = (event: StorageEvent) => {
      if (event.key === SIGNED_OUT_KEY) end(false);
      else if (event.key === LAST_ACTIVITY_KEY) tick();
    };

    const options = { capture: true, passive: true } as const;
    for (const type of ACTIVITY_EVENTS) document.addEventListener(type, onActivity, options);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('storage', onStorage);
    const interval = window.setInterval(tick, TICK_MS);
    function stop() {
      window.clearInterval(interval);
      for (const type of ACTIVITY_EVENTS) document.removeEventListener(type, onActivity, options);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('storage', onStorage);
    }

    stayRef.current = () => {
      recordActivity();
      tick();
    };
    // Opening the app is activity: at the moment it opened, however late this starts counting.
    const opened = openedAt ?? Date.now();
    lastWrite = opened;
    if (opened > readLastActivity()) write(LAST_ACTIVITY_KEY, opened);
    tick();
    return () => {
      stop();
      stayRef.current = () => {};
    };
  }, [timeoutMinutes, warningSeconds, openedAt]);

  const stay = useCallback(() => stayRef.current(), []);
  return { secondsLeft, stay };
}
