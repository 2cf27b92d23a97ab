import type { Role } from '@caretracker/shared';

export type AppKey = 'web' | 'mobile-web' | 'admin';

export interface AppInfo {
  name: string;
  /** Who the app is for, as a phrase: "This app is for {audience}." */
  audience: string;
  roles: readonly Role[];
}

/** The three front ends and who may use each. */
export const APPS: Record<AppKey, AppInfo> = {
  web: { name: 'Client portal', audience: 'clients and their families', roles: ['CLIENT'] },
  'mobile-web': { name: 'Care worker app', audience: 'care workers', roles: ['WORKER'] },
  admin: {
    name: 'Admin dashboard',
    audience: 'administrators and supervisors',
    roles: ['ADMIN', 'SUPERVISOR'],
  },
};

export type AppUrls = Record<AppKey, string>;

export function appForRole(role: Role): AppKey {
  if (role === 'CLIENT') return 'web';
  if (role === 'WORKER') return 'mobile-web';
  return 'admin';
}
