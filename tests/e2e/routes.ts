// The ONE list of every route of every app. The every-route axe check (tests/every-route.spec.ts),
// the JavaScript budget (scripts/js-budget.mts) and `pnpm lighthouse` iterate over it, and
// routes.test.ts fails when an `apps/*/app/**/page.tsx` is missing here or an entry names no page.
// A new screen is added here in the same commit as its page.tsx (see docs/frontend.md).
import type { DemoUser } from './apps-under-test';

export type AppKey = 'web' | 'mobile-web' | 'admin';
export type Role = DemoUser['role'];

/** What a params resolver may ask: GET on the API as the signed-in role, answering the `data` field. */
export interface RouteContext {
  role: Role | 'public';
  get<T = unknown>(apiPath: string): Promise<T>;
}

export type RouteParams = Record<string, string>;

export interface RouteEntry {
  app: AppKey;
  /**
   * The route as the file system spells it, without route groups: `/`, `/login`,
   * `/clients/[clientId]`, `/docs/[...slug]`. Each `[param]` needs a value in `params`.
   */
  path: string;
  /** The roles that use this screen (each is visited signed in as that role), or 'public' (signed out). */
  roles: readonly Role[] | 'public';
  /** What the screen is, in English, for test names and reports (the screen's own strings are translated). */
  title: string;
  /**
   * Sample values for the dynamic segments: fixed ones the demo seed always has, or a resolver that
   * asks the API as the visiting role (so the record is one that role may see), e.g.
   * `params: async ({ get }) => ({ clientId: (await get<{ id: string }[]>('/users?role=CLIENT'))[0].id })`.
   */
  params?: RouteParams | ((context: RouteContext) => Promise<RouteParams>);
  /** One of the app's main screens: `pnpm lighthouse` scores it (as its first role). */
  main?: boolean;
}

export const ROUTES: readonly RouteEntry[] = [
  // Client portal (:3000)
  { app: 'web', path: '/login', roles: 'public', title: 'Sign in', main: true },
  { app: 'web', path: '/', roles: ['CLIENT'], title: 'Home', main: true },
  { app: 'web', path: '/forgot-password', roles: 'public', title: 'Forgot password' },
  { app: 'web', path: '/reset-password', roles: 'public', title: 'Reset password (no token: asks for a new link)' },
  { app: 'web', path: '/verify-email', roles: 'public', title: 'Confirm email (no token: says what to do)' },
  { app: 'web', path: '/account', roles: ['CLIENT'], title: 'Account: contact details', main: true },
  { app: 'web', path: '/account/password', roles: ['CLIENT'], title: 'Account: change password' },
  { app: 'web', path: '/account/security', roles: ['CLIENT'], title: 'Account: two-step verification' },
  { app: 'web', path: '/account/devices', roles: ['CLIENT'], title: 'Account: signed-in devices' },
  { app: 'web', path: '/account/notifications', roles: ['CLIENT'], title: 'Account: notification settings' },
  { app: 'web', path: '/account/preferences', roles: ['CLIENT'], title: 'Account: language, time zone, text size' },
  { app: 'web', path: '/visits', roles: ['CLIENT'], title: 'Visits: coming up and past', main: true },
  {
    app: 'web',
    path: '/visits/[visitId]',
    roles: ['CLIENT'],
    title: 'Visit detail',
    params: async ({ get }) => ({ visitId: (await get<{ id: string }[]>('/visits?limit=1'))[0]!.id }),
  },
  { app: 'web', path: '/visits/request', roles: ['CLIENT'], title: 'Ask for a visit' },
  { app: 'web', path: '/budget', roles: ['CLIENT'], title: 'Budget: allocation and spending', main: true },
  { app: 'web', path: '/care-plan', roles: ['CLIENT'], title: 'Care plan in plain words' },
  { app: 'web', path: '/messages', roles: ['CLIENT'], title: 'Messages with the care team (a thread: ?c=<id>)' },
  { app: 'web', path: '/notifications', roles: ['CLIENT'], title: 'Notifications' },
  { app: 'web', path: '/help', roles: ['CLIENT'], title: 'Get help now: 911, alert the office' },

  // Care worker app (:3001)
  { app: 'mobile-web', path: '/login', roles: 'public', title: 'Sign in', main: true },
  { app: 'mobile-web', path: '/', roles: ['WORKER'], title: 'Home', main: true },
  {
    app: 'mobile-web',
    path: '/visits/[visitId]',
    roles: ['WORKER'],
    title: 'Visit: briefing, check-in, tasks, doses, check-out',
    main: true,
    // One of the worker's own visits of the coming week (GET /visits answers only the caller's).
    params: async ({ get }) => {
      const from = new Date().toISOString();
      const to = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const visits = await get<{ id: string }[]>(`/visits?dateFrom=${from}&dateTo=${to}&limit=5`);
      return { visitId: visits[0]!.id };
    },
  },
  { app: 'mobile-web', path: '/hours', roles: ['WORKER'], title: 'My hours' },
  { app: 'mobile-web', path: '/notifications', roles: ['WORKER'], title: 'Notifications' },
  { app: 'mobile-web', path: '/messages', roles: ['WORKER'], title: 'Messages with the care team (a thread: ?c=<id>)' },
  { app: 'mobile-web', path: '/forgot-password', roles: 'public', title: 'Forgot password' },
  {
    app: 'mobile-web',
    path: '/reset-password',
    roles: 'public',
    title: 'Reset password (no token: asks for a new link)',
  },
  { app: 'mobile-web', path: '/verify-email', roles: 'public', title: 'Confirm email (no token: says what to do)' },
  { app: 'mobile-web', path: '/account', roles: ['WORKER'], title: 'Account: contact details', main: true },
  { app: 'mobile-web', path: '/account/password', roles: ['WORKER'], title: 'Account: change password' },
  { app: 'mobile-web', path: '/account/security', roles: ['WORKER'], title: 'Account: two-step verification' },
  { app: 'mobile-web', path: '/account/devices', roles: ['WORKER'], title: 'Account: signed-in devices' },
  { app: 'mobile-web', path: '/account/notifications', roles: ['WORKER'], title: 'Account: notification settings' },
  {
    app: 'mobile-web',
    path: '/account/preferences',
    roles: ['WORKER'],
    title: 'Account: language, time zone, text size',
  },

  // Admin dashboard (:3002)
  { app: 'admin', path: '/login', roles: 'public', title: 'Sign in', main: true },
  { app: 'admin', path: '/', roles: ['ADMIN', 'SUPERVISOR'], title: 'Overview', main: true },
  { app: 'admin', path: '/emergencies', roles: ['ADMIN', 'SUPERVISOR'], title: 'Emergencies' },
  {
    app: 'admin',
    path: '/emergencies/[emergencyId]',
    roles: ['ADMIN', 'SUPERVISOR'],
    // The demo seed raises none: the newest one the role sees (journeys raise some), else the not-found page.
    title: 'Emergency with its timeline',
    params: async ({ get }) => ({
      emergencyId:
        (await get<{ id: string }[]>('/emergencies?limit=1'))[0]?.id ?? '00000000-0000-4000-8000-000000000000',
    }),
  },
  {
    app: 'admin',
    path: '/messages',
    roles: ['ADMIN', 'SUPERVISOR'],
    title: 'Messages: conversations, a thread beside them (?c=<id>)',
  },
  { app: 'admin', path: '/notifications', roles: ['ADMIN', 'SUPERVISOR'], title: 'Notifications' },
  { app: 'admin', path: '/visits', roles: ['ADMIN', 'SUPERVISOR'], title: 'Visits', main: true },
  {
    app: 'admin',
    path: '/visits/[visitId]',
    roles: ['ADMIN', 'SUPERVISOR'],
    title: 'Visit detail (with a check-in problem)',
    params: async ({ get }) => ({
      visitId: (await get<{ id: string }[]>('/office/visits?exceptions=open&limit=1'))[0]!.id,
    }),
  },
  { app: 'admin', path: '/schedule', roles: ['ADMIN', 'SUPERVISOR'], title: 'Scheduling board', main: true },
  { app: 'admin', path: '/people', roles: ['ADMIN', 'SUPERVISOR'], title: 'People' },
  {
    app: 'admin',
    path: '/clients/[clientId]',
    roles: ['ADMIN', 'SUPERVISOR'],
    title: 'Client record',
    params: async ({ get }) => ({ clientId: (await get<{ id: string }[]>('/users?role=CLIENT'))[0]!.id }),
  },
  { app: 'admin', path: '/people/new', roles: ['ADMIN', 'SUPERVISOR'], title: 'Add a person' },
  {
    app: 'admin',
    path: '/people/[personId]',
    roles: ['ADMIN', 'SUPERVISOR'],
    title: 'Person (a care worker: skills and weekly availability)',
    params: async ({ get }) => ({ personId: (await get<{ id: string }[]>('/users?role=WORKER'))[0]!.id }),
  },
  { app: 'admin', path: '/budgets', roles: ['ADMIN', 'SUPERVISOR'], title: 'Budgets (with visits no budget covers)' },
  {
    app: 'admin',
    path: '/budgets/[budgetId]',
    roles: ['ADMIN', 'SUPERVISOR'],
    title: 'Budget: allocations chart and table, forecast, expenses',
    params: async ({ get }) => ({ budgetId: (await get<{ id: string }[]>('/budgets?status=ACTIVE&limit=1'))[0]!.id }),
  },
  {
    app: 'admin',
    path: '/care-plans/[planId]',
    roles: ['ADMIN', 'SUPERVISOR'],
    title: 'Care plan with its versions',
    params: async ({ get }) => ({ planId: (await get<{ id: string }[]>('/careplans?status=ACTIVE&limit=1'))[0]!.id }),
  },
  { app: 'admin', path: '/reports', roles: ['ADMIN', 'SUPERVISOR'], title: 'Reports: visits, timesheets, budgets' },
  { app: 'admin', path: '/audit', roles: ['ADMIN', 'SUPERVISOR'], title: 'Audit log' },
  { app: 'admin', path: '/system', roles: ['ADMIN'], title: 'System: health, queues, failed jobs, version' },
  { app: 'admin', path: '/forgot-password', roles: 'public', title: 'Forgot password' },
  { app: 'admin', path: '/reset-password', roles: 'public', title: 'Reset password (no token: asks for a new link)' },
  { app: 'admin', path: '/verify-email', roles: 'public', title: 'Confirm email (no token: says what to do)' },
  { app: 'admin', path: '/account', roles: ['ADMIN', 'SUPERVISOR'], title: 'Account: contact details', main: true },
  { app: 'admin', path: '/account/password', roles: ['ADMIN', 'SUPERVISOR'], title: 'Account: change password' },
  { app: 'admin', path: '/account/security', roles: ['ADMIN', 'SUPERVISOR'], title: 'Account: two-step verification' },
  { app: 'admin', path: '/account/devices', roles: ['ADMIN', 'SUPERVISOR'], title: 'Account: signed-in devices' },
  {
    app: 'admin',
    path: '/account/notifications',
    roles: ['ADMIN', 'SUPERVISOR'],
    title: 'Account: notification settings',
  },
  {
    app: 'admin',
    path: '/account/preferences',
    roles: ['ADMIN', 'SUPERVISOR'],
    title: 'Account: language, time zone, text size',
  },
];

/** The names of a path's dynamic segments: `/a/[id]/[...rest]` → `['id', 'rest']`. */
export function paramNames(routePath: string): string[] {
  return [...routePath.matchAll(/\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}/g)].map((match) => match[1] as string);
}

/** The concrete URL path of a route for one visit: each `[param]` replaced by its sample value. */
export async function resolvePath(route: RouteEntry, context: RouteContext): Promise<string> {
  const names = paramNames(route.path);
  if (names.length === 0) return route.path;
  const params = typeof route.params === 'function' ? await route.params(context) : (route.params ?? {});
  return route.path.replace(/\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route.app} ${route.path}: no sample value for [${name}]`);
    return value
      .split('/')
      .map((part) => encodeURIComponent(part))
      .join('/');
  });
}

/** "admin / (ADMIN)" — how a visit is named in test titles and reports. */
export function routeLabel(route: RouteEntry, role: Role | 'public') {
  return `${route.app} ${route.path} "${route.title}" (${role === 'public' ? 'signed out' : role})`;
}
