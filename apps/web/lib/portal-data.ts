'use client';

import type {
  BudgetForecast,
  BudgetSummary,
  BudgetView,
  CarePlanView,
  EmergencySummary,
  PortalHome,
  RateVisitBody,
  VisitChangeRequestBody,
  VisitChangeRequestView,
  VisitRatingView,
  VisitView,
} from '@caretracker/shared';
import { keys, useApi } from '@caretracker/ui/data';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

// The portal's calls. Keys come from the shared factory, so live events (packages/ui/src/live)
// refresh them: the home is a view over the client's visits (a visits list key).

export const homeKey = keys.visits.list({ view: 'portal-home' });

export function usePortalHome() {
  const api = useApi();
  return useQuery<PortalHome>({
    queryKey: homeKey,
    queryFn: ({ signal }) => api.get<PortalHome>('/portal/home', undefined, { signal }),
  });
}

export type VisitScope = 'upcoming' | 'past';

/** The client's visits: still to come (soonest first) or already past (the API lists earliest first). */
export function useMyVisits(scope: VisitScope) {
  const api = useApi();
  return useQuery<VisitView[]>({
    queryKey: keys.visits.list({ view: 'portal', scope }),
    queryFn: async ({ signal }) => {
      const now = new Date();
      const day = 86_400_000;
      const query =
        scope === 'upcoming'
          ? { dateFrom: now.toISOString(), dateTo: new Date(now.getTime() + 60 * day).toISOString(), limit: 100 }
          : // Up to a day ahead too: a visit done before its booked time has happened all the same.
            {
              dateFrom: new Date(now.getTime() - 90 * day).toISOString(),
              dateTo: new Date(now.getTime() + day).toISOString(),
              limit: 100,
            };
      const rows = await api.get<VisitView[]>('/visits', query, { signal });
      const happened = (v: VisitView) => new Date(v.scheduledEnd) <= now || v.status === 'COMPLETED';
      if (scope === 'upcoming') return rows.filter((v) => !happened(v));
      return rows.filter(happened).reverse();
    },
  });
}

export function useCancelVisit(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.request<VisitView>('POST', `/visits/${id}/cancel`, { reason }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.visits.all });
      void queryClient.invalidateQueries({ queryKey: keys.budgets.all });
    },
  });
}

export function useConfirmVisit(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.request<VisitView>('POST', `/visits/${id}/confirm`, {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.visits.all }),
  });
}

export function useBudgetForecast(id: string) {
  const api = useApi();
  return useQuery<BudgetForecast>({
    queryKey: keys.budgets.forecast(id),
    queryFn: ({ signal }) => api.get<BudgetForecast>(`/budgets/${id}/forecast`, undefined, { signal }),
  });
}

export function useCarePlan(id: string | null | undefined) {
  const api = useApi();
  return useQuery<CarePlanView>({
    queryKey: keys.carePlans.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<CarePlanView>(`/careplans/${id}`, undefined, { signal }),
    enabled: Boolean(id),
  });
}

/** The client's active budget that covers today (the newest period first), with its figures. */
export function useCurrentBudget() {
  const api = useApi();
  return useQuery<BudgetView | null>({
    queryKey: keys.budgets.list({ view: 'portal-current' }),
    queryFn: async ({ signal }) => {
      const today = new Date().toISOString().slice(0, 10);
      const list = await api.get<BudgetSummary[]>(
        '/budgets',
        { status: 'ACTIVE', periodStart: today, periodEnd: today, limit: 5 },
        { signal },
      );
      const current = list[0];
      return current ? api.get<BudgetView>(`/budgets/${current.id}`, undefined, { signal }) : null;
    },
  });
}

/** The client's own emergency alerts still open or acknowledged (newest first). */
export function useMyAlerts() {
  const api = useApi();
  return useQuery<EmergencySummary[]>({
    queryKey: keys.emergencies.list({ view: 'portal' }),
    queryFn: async ({ signal }) => {
      const rows = await api.get<EmergencySummary[]>('/emergencies', { limit: 10 }, { signal });
      return rows.filter((alert) => alert.status !== 'RESOLVED');
    },
    // Live events refresh it; while an alert waits for an answer, look again every 15 s as well.
    refetchInterval: (query) => (query.state.data?.some((alert) => alert.status === 'OPEN') ? 15_000 : false),
  });
}

export function useRaiseAlert() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.request<EmergencySummary>('POST', '/emergencies', {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.emergencies.all }),
  });
}

/** Gives or changes the client's rating of a completed visit; the visit's detail then shows it. */
export function useRateVisit(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RateVisitBody) => api.request<VisitRatingView>('PUT', `/visits/${id}/rating`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.visits.detail(id) }),
  });
}

/** Asks the office to move an upcoming visit; the supervisor is told, the visit stays as it is until they act. */
export function useRequestChange(id: string) {
  const api = useApi();
  return useMutation({
    mutationFn: (body: VisitChangeRequestBody) =>
      api.request<VisitChangeRequestView>('POST', `/visits/${id}/change-request`, body),
  });
}
