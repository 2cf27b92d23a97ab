import { forgetMe } from '../data/remembered-me';

/**
 * How a signed-in page leaves for sign-in, once. An idle or chosen sign-out decides where to go
 * (`/login?reason=idle`) before it ends the session; a query that meets the ended session in the
 * meantime would send the page to a bare `/login` and lose the reason. So once a sign-out is under
 * way, the lost-session redirect stands down, and only the first departure navigates.
 */
export interface Departure {
  /** A sign-out has started: lost-session redirects wait for it. */
  begin(): void;
  /** The sign-out failed and the session lives on: lost-session redirects apply again. */
  cancel(): void;
  /** The sign-out is done: go where it decided. */
  leave(path: string, how?: 'assign' | 'replace'): void;
  /** A query found the session gone: go to sign-in unless a sign-out is already leaving. */
  sessionLost(path: string): void;
}

export function createDeparture(navigate: (path: string, how: 'assign' | 'replace') => void): Departure {
  let state: 'here' | 'signing-out' | 'gone' = 'here';
  return {
    begin() {
      if (state === 'here') state = 'signing-out';
    },
    cancel() {
      if (state === 'signing-out') state = 'here';
    },
    leave(path, how = 'replace') {
      if (state === 'gone') return;
      state = 'gone';
      navigate(path, how);
    },
    sessionLost(path) {
      if (state !== 'here') return;
      state = 'gone';
      navigate(path, 'replace');
    },
  };
}

/** The page's own departure (one per page load): the tab forgets the user it remembered. */
export const departure = createDeparture((path, how) => {
  forgetMe();
  window.location[how](path);
});
