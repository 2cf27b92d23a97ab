// Shared by every tab of one app (localStorage is per origin, and each app has its own):
// activity in any tab keeps all of them signed in, and an idle sign-out in one ends the rest.
// Its own module: the shell reads the last activity on first paint (data/remembered-me.ts), while
// the idle sign-out itself (use-idle-logout.ts) loads after the page.
export const LAST_ACTIVITY_KEY = 'caretracker.lastActivityAt';

// When storage is blocked (some private modes), the tab still times out on its own.
let memoryLastActivity = 0;

/** When the user was last active in any tab of this app (0: never recorded). */
export function readLastActivity(): number {
  try {
    const stored = Number(window.localStorage.getItem(LAST_ACTIVITY_KEY));
    return Math.max(Number.isFinite(stored) ? stored : 0, memoryLastActivity);
  } catch {
    return memoryLastActivity;
  }
}

/** Stores a time under `key` (the last activity is also kept in memory, for blocked storage). */
export function writeTime(key: string, at: number) {
  if (key === LAST_ACTIVITY_KEY) memoryLastActivity = at;
  try {
    window.localStorage.setItem(key, String(at));
  } catch {
    // storage blocked: this tab keeps its own clock
  }
}
