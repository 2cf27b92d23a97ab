'use client';

import type { Role } from '@caretracker/shared';
import type { ReactNode } from 'react';
import { NotFoundState } from '../components/states';
import { useSession } from './session';

/**
 * A page only some of the app's roles may open (an admin-only screen in the admin app): others
 * get the same calm "not found" as the API's 404, not a hint that the page exists.
 */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { me } = useSession();
  return roles.includes(me.role) ? children : <NotFoundState />;
}
