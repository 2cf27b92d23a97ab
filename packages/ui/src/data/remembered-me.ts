import type { Me } from '@caretracker/shared';

// The signed-in user as last loaded, kept in this tab (sessionStorage: per tab, gone when the tab
// closes) so a page loaded again shows its content after one round trip, not two: the shell draws
// with the remembered user while GET /auth/me checks the session, and the screen's own reads start
// at once beside it. Written at sign-in and on every load of /auth/me; forgotten whenever the page
// leaves for sign-in (departure.ts). Holds what the shell shows (name, role, time zone), no record.

const KEY = 'caretracker.me';

/** Keeps the user for this tab's next page load. */
export function rememberMe(me: Me, at = Date.now()): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ me, at }));
  } catch {
    // storage blocked or full: the next load waits for /auth/me, as without it
  }
}

/**
 * The remembered user, when it was loaded or the user was last active (`activeAt`) within `maxAgeMs`
 * (the idle sign-out's timeout: past it the session has ended). Anything unreadable, or without the
 * user's id and role (the apps load no schema library at run time), is no user.
 */
export function recallMe(maxAgeMs: number, activeAt = 0, now = Date.now()): Me | undefined {
  try {
    const { me, at } = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { me?: Me; at?: number };
    const fresh = now - Math.max(Number(at) || 0, activeAt) <= maxAgeMs;
    return fresh && typeof me?.id === 'string' && typeof me.role === 'string' ? me : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the user (sign-out, idle sign-out, an ended session). */
export function forgetMe(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing readable, nothing kept
  }
}
