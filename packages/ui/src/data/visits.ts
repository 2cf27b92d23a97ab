'use client';

import type { VisitDetailView } from '@caretracker/shared';
import { useQuery } from '@tanstack/react-query';
import { useApi } from './api-context';
import { keys } from './keys';

/** One visit with its EVV calls, doses, amendments and rating (GET /visits/:id), under the key live events refresh. */
export function useVisit(id: string, enabled = true) {
  const api = useApi();
  return useQuery<VisitDetailView>({
    queryKey: keys.visits.detail(id),
    queryFn: ({ signal }) => api.get<VisitDetailView>(`/visits/${id}`, undefined, { signal }),
    enabled,
  });
}
