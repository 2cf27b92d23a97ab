// Plain values (no hooks) so the apps' server-side config can import them.

/** Seconds of warning before an idle sign-out. */
export const IDLE_WARNING_SECONDS = 60;

/**
 * Minutes of inactivity before the app signs the user out, from a build-time value such as
 * NEXT_PUBLIC_IDLE_TIMEOUT_MINUTES; anything that is not a positive number gives `fallback`.
 */
export function idleTimeoutMinutesFrom(value: string | undefined, fallback: number): number {
  const minutes = Number(value);
  return value && Number.isFinite(minutes) && minutes > 0 ? minutes : fallback;
}

/** "15 minutes", "1 minute", "1.5 minutes". */
export function describeMinutes(minutes: number): string {
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
