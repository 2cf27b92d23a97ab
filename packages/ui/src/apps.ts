import type { Role } from '@caretracker/shared';

export type AppKey = 'web' | 'mobile-web' | 'admin';

/** Who may use each front end; names and descriptions are messages (`apps.<key>.name`). */
export const APP_ROLES: Record<AppKey, readonly Role[]> = {
  web: ['CLIENT'],
  'mobile-web': ['WORKER'],
  admin: ['ADMIN', 'SUPERVISOR'],
};

export type AppUrls = Record<AppKey, string>;

export function appForRole(role: Role): AppKey {
  if (role === 'CLIENT') return 'web';
  if (role === 'WORKER') return 'mobile-web';
  return 'admin';
}
