'use client';

import type {
  AuditTrail,
  CarePlanSummary,
  CarePlanView,
  EmergencySummary,
  EmergencyView,
  OfficeVisitItem,
  Overview,
  ScheduleBoard,
  UserView,
  VisitView,
} from '@caretracker/shared';
import { keys, type Query, useApi } from '@caretracker/ui/data';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

// The admin dashboard's calls. Keys come from the shared factories so live events (packages/ui/src/live)
// refresh the same queries: visit lists under ['visits', 'list'], emergencies under ['emergencies'].

/** The overview lives under the visit lists, so every visit event refreshes it too. */
export const overviewKey = [...keys.visits.lists(), 'office-overview'] as const;

export function useOverview() {
  const api = useApi();
  return useQuery<Overview>({
    queryKey: overviewKey,
    queryFn: ({ signal }) => api.get<Overview>('/office/overview', undefined, { signal }),
    refetchInterval: 60_000,
  });
}

export interface OfficeVisitsPage {
  data: OfficeVisitItem[];
  page: { limit: number; hasMore: boolean; nextCursor: string | null; count: { value: number; capped: boolean } };
  asOf: string;
}

export function useOfficeVisits(filters: Query) {
  const api = useApi();
  return useQuery<OfficeVisitsPage>({
    queryKey: keys.visits.list({ office: true, ...filters }),
    queryFn: ({ signal }) => api.get<OfficeVisitsPage>('/office/visits', filters, { signal, envelope: true }),
    placeholderData: keepPreviousData,
  });
}

export function useResolveException(visitId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { exceptionId: string; reasonCode: string; note?: string }) =>
      api.request('POST', `/visits/${visitId}/evv-exceptions/${input.exceptionId}/resolve`, {
        reasonCode: input.reasonCode,
        ...(input.note ? { note: input.note } : {}),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.visits.detail(visitId) });
      void queryClient.invalidateQueries({ queryKey: keys.visits.lists() });
      void queryClient.invalidateQueries({ queryKey: keys.evvExceptions.all });
    },
  });
}

export function useSchedule(from: string, days: number) {
  const api = useApi();
  return useQuery<ScheduleBoard>({
    queryKey: keys.visits.list({ board: true, from, days }),
    queryFn: ({ signal }) => api.get<ScheduleBoard>('/office/schedule', { from, days }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Changes to a visit from the office: move (times and/or worker), cancel, no-show. */
export function useVisitAction() {
  const api = useApi();
  const queryClient = useQueryClient();
  const done = (visit: VisitView) => {
    void queryClient.invalidateQueries({ queryKey: keys.visits.all });
    return visit;
  };
  return {
    move: useMutation({
      mutationFn: (input: {
        id: string;
        version: number;
        workerId: string | null;
        scheduledStart: string;
        scheduledEnd: string;
      }) =>
        api
          .request<VisitView>('PUT', `/visits/${input.id}`, {
            workerId: input.workerId,
            scheduledStart: input.scheduledStart,
            scheduledEnd: input.scheduledEnd,
            version: input.version,
          })
          .then(done),
    }),
    cancel: useMutation({
      mutationFn: (input: { id: string; reason: string }) =>
        api.request<VisitView>('POST', `/visits/${input.id}/cancel`, { reason: input.reason }).then(done),
    }),
    noShow: useMutation({
      mutationFn: (input: { id: string; reason: string }) =>
        api.request<VisitView>('POST', `/visits/${input.id}/no-show`, { reason: input.reason }).then(done),
    }),
  };
}

export function useAcknowledgeEmergency() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.request<EmergencySummary>('POST', `/emergencies/${id}/ack`, {}),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.emergencies.all });
      void queryClient.invalidateQueries({ queryKey: overviewKey });
    },
  });
}

export function useUsers(filters: Query) {
  const api = useApi();
  return useQuery<UserView[]>({
    queryKey: keys.users.list(filters),
    queryFn: ({ signal }) => api.get<UserView[]>('/users', filters, { signal }),
    placeholderData: keepPreviousData,
  });
}

export interface PeoplePage {
  data: UserView[];
  pagination: { page: number; limit: number; total: number; totalPages: number };
}

/** A page of people with its count (the paged envelope of GET /users). */
export function usePeople(filters: Query) {
  const api = useApi();
  return useQuery<PeoplePage>({
    queryKey: keys.users.list({ paged: true, ...filters }),
    queryFn: ({ signal }) => api.get<PeoplePage>('/users', filters, { signal, envelope: true }),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string, enabled = true) {
  const api = useApi();
  return useQuery<UserView>({
    queryKey: keys.users.detail(id),
    queryFn: ({ signal }) => api.get<UserView>(`/users/${id}`, undefined, { signal }),
    enabled,
  });
}

export function useClientCarePlans(clientId: string, enabled = true) {
  const api = useApi();
  return useQuery<CarePlanSummary[]>({
    queryKey: keys.carePlans.list({ clientId }),
    queryFn: ({ signal }) => api.get<CarePlanSummary[]>('/careplans', { clientId, limit: 20 }, { signal }),
    enabled,
  });
}

export function useCarePlan(id: string | undefined) {
  const api = useApi();
  return useQuery<CarePlanView>({
    queryKey: keys.carePlans.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<CarePlanView>(`/careplans/${id}`, undefined, { signal }),
    enabled: Boolean(id),
  });
}

export function useAuditTrail(userId: string, enabled = true) {
  const api = useApi();
  return useQuery<AuditTrail>({
    queryKey: [...keys.audit.all, 'trail', userId],
    queryFn: ({ signal }) => api.get<AuditTrail>(`/users/${userId}/audit-trail`, { limit: 25 }, { signal }),
    enabled,
  });
}

export function useEmergencies(filters: Query) {
  const api = useApi();
  return useQuery<EmergencySummary[]>({
    queryKey: keys.emergencies.list(filters),
    queryFn: ({ signal }) => api.get<EmergencySummary[]>('/emergencies', { limit: 50, ...filters }, { signal }),
  });
}

export function useEmergency(id: string, enabled = true) {
  const api = useApi();
  return useQuery<EmergencyView>({
    queryKey: keys.emergencies.detail(id),
    queryFn: ({ signal }) => api.get<EmergencyView>(`/emergencies/${id}`, undefined, { signal }),
    enabled,
  });
}

export function useResolveEmergency(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => api.request<EmergencyView>('POST', `/emergencies/${id}/resolve`, { note }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.emergencies.all });
      void queryClient.invalidateQueries({ queryKey: overviewKey });
    },
  });
}

export function useReviewVisit(visitId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { outcome: string; notes?: string }) =>
      api.request<VisitView>('POST', `/visits/${visitId}/review`, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.visits.detail(visitId) });
      void queryClient.invalidateQueries({ queryKey: keys.visits.lists() });
    },
  });
}

/** Ends a break-glass grant early (POST /break-glass/:id/close); the record is then not found again. */
export function useCloseBreakGlass(userId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (grantId: string) => api.request('POST', `/break-glass/${grantId}/close`, {}),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.users.detail(userId) });
      void queryClient.invalidateQueries({ queryKey: keys.breakGlass.all });
    },
  });
}

/** Emergency access to a record outside the supervisor's team (POST /break-glass): reason kept in the audit trail. */
export function useOpenBreakGlass(userId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.request('POST', '/break-glass', { userId, reason }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.users.detail(userId) });
      void queryClient.invalidateQueries({ queryKey: keys.breakGlass.all });
    },
  });
}
