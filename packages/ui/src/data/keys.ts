import type { Query } from './api-client';

/**
 * One query-key scheme per API resource (TanStack Query's key factories). A key starts with the
 * resource, then `list`/`detail`, then what narrows it, so invalidation is exact or wide by choice:
 *   queryClient.invalidateQueries({ queryKey: keys.visits.all })           every visit query
 *   queryClient.invalidateQueries({ queryKey: keys.visits.detail(id) })    one visit
 * Live events (packages/ui/src/live) and mutations invalidate through these, never by hand-written arrays.
 */
function resource<const Name extends string>(name: Name) {
  const all = [name] as const;
  return {
    all,
    lists: () => [...all, 'list'] as const,
    list: (filters: Query = {}) => [...all, 'list', filters] as const,
    details: () => [...all, 'detail'] as const,
    detail: (id: string) => [...all, 'detail', id] as const,
  };
}

export const keys = {
  /** GET /auth/me: the signed-in user. */
  me: ['me'] as const,
  /** GET /auth/sessions: the signed-in user's devices. */
  mySessions: ['my-sessions'] as const,
  users: resource('users'),
  visits: {
    ...resource('visits'),
    series: (id: string) => ['visits', 'series', id] as const,
    available: (filters: Query) => ['visits', 'available-workers', filters] as const,
    evv: (visitId: string) => ['visits', 'detail', visitId, 'evv'] as const,
    medications: (visitId: string) => ['visits', 'detail', visitId, 'medications'] as const,
  },
  evvExceptions: resource('evv-exceptions'),
  carePlans: {
    ...resource('careplans'),
    versions: (id: string) => ['careplans', 'detail', id, 'versions'] as const,
  },
  budgets: {
    ...resource('budgets'),
    forecast: (id: string) => ['budgets', 'detail', id, 'forecast'] as const,
    expenses: (id: string) => ['budgets', 'detail', id, 'expenses'] as const,
  },
  conversations: {
    ...resource('conversations'),
    messages: (id: string, filters: Query = {}) => ['conversations', 'detail', id, 'messages', filters] as const,
  },
  messageSearch: (q: string) => ['messages', 'search', q] as const,
  notifications: {
    ...resource('notifications'),
    unreadCount: ['notifications', 'unread-count'] as const,
    preferences: ['notifications', 'preferences'] as const,
  },
  emergencies: resource('emergencies'),
  files: resource('files'),
  reports: {
    all: ['reports'] as const,
    report: (kind: 'visits' | 'budgets' | 'timesheets', filters: Query) => ['reports', kind, filters] as const,
  },
  search: {
    all: ['search'] as const,
    results: (filters: Query) => ['search', 'results', filters] as const,
    suggest: (q: string) => ['search', 'suggest', q] as const,
  },
  audit: resource('audit'),
  breakGlass: resource('break-glass'),
} as const;
