'use client';

import type { Me } from '@caretracker/shared';
import { createContext, useContext } from 'react';

export interface Session {
  me: Me;
  /** Ends the session on the server and goes to the sign-in page. */
  signOut: () => Promise<void>;
  signingOut: boolean;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user and sign-out, for any screen inside SignedInLayout. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is only available inside <SignedInLayout>');
  return session;
}
