'use client';

import type { CarePlanDiff, CarePlanVersionView, CarePlanView, UpdateCarePlanBody } from '@caretracker/shared';
import { keys, useApi } from '@caretracker/ui/data';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

// A care plan from the office: its kept versions and what changed between two, and the writes
// (edit with the version read, approve a draft, change status with a reason).

export function useCarePlanVersions(id: string, enabled = true) {
  const api = useApi();
  return useQuery<CarePlanVersionView[]>({
    queryKey: keys.carePlans.versions(id),
    queryFn: ({ signal }) => api.get<CarePlanVersionView[]>(`/careplans/${id}/versions`, undefined, { signal }),
    enabled,
  });
}

export function useCarePlanDiff(id: string, to: number | null) {
  const api = useApi();
  return useQuery<CarePlanDiff>({
    queryKey: [...keys.carePlans.versions(id), 'diff', to],
    queryFn: ({ signal }) =>
      api.get<CarePlanDiff>(
        `/careplans/${id}/versions/diff`,
        { to: String(to), from: String((to ?? 2) - 1) },
        { signal },
      ),
    enabled: to !== null && to > 1,
  });
}

export function useCarePlanWrites(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const done = (plan: CarePlanView) => {
    queryClient.setQueryData(keys.carePlans.detail(id), plan);
    void queryClient.invalidateQueries({ queryKey: keys.carePlans.lists() });
    void queryClient.invalidateQueries({ queryKey: keys.carePlans.versions(id) });
    return plan;
  };
  return {
    update: useMutation({
      mutationFn: (body: UpdateCarePlanBody) => api.request<CarePlanView>('PUT', `/careplans/${id}`, body).then(done),
    }),
    approve: useMutation({
      mutationFn: (note?: string) =>
        api.request<CarePlanView>('POST', `/careplans/${id}/approve`, note ? { note } : {}).then(done),
    }),
    status: useMutation({
      mutationFn: (body: { status: string; reason: string }) =>
        api.request<CarePlanView>('POST', `/careplans/${id}/status`, body).then(done),
    }),
  };
}
