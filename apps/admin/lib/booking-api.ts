'use client';

import type { CreateVisitBody, VisitView } from '@caretracker/shared';
import type { Recurrence } from '@caretracker/shared/recurrence';
import type { availableWorkerViewSchema, visitSeriesViewSchema } from '@caretracker/shared/visit-views';
import { keys, useApi } from '@caretracker/ui/data';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';

export type AvailableWorker = z.infer<typeof availableWorkerViewSchema>;
type VisitSeriesView = z.infer<typeof visitSeriesViewSchema>;

// Booking from the scheduling board: who can take a slot, and the visit or series booked there.

/** Active workers free for [from, to) with the client's required skills and hours, nearest first. */
export function useAvailableWorkers(clientId: string | null, from: string | null, to: string | null) {
  const api = useApi();
  const filters = { clientId: clientId ?? '', from: from ?? '', to: to ?? '' };
  return useQuery<AvailableWorker[]>({
    queryKey: keys.visits.available(filters),
    queryFn: ({ signal }) => api.get<AvailableWorker[]>('/workers/available', filters, { signal }),
    enabled: Boolean(clientId && from && to),
  });
}

export interface SeriesBody {
  clientId: string;
  workerId: string | null;
  recurrence: Recurrence;
}

export function useBook() {
  const api = useApi();
  const queryClient = useQueryClient();
  const done = <T>(answer: T) => {
    void queryClient.invalidateQueries({ queryKey: keys.visits.all });
    return answer;
  };
  return {
    visit: useMutation({
      mutationFn: (body: CreateVisitBody) => api.request<VisitView>('POST', '/visits', body).then(done),
    }),
    series: useMutation({
      mutationFn: (body: SeriesBody) => api.request<VisitSeriesView>('POST', '/visit-series', body).then(done),
    }),
  };
}
