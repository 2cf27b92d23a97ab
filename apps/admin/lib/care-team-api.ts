'use client';

import type { AssignCareTeamBody, CareTeam, CareTeamMember, ChangeCareTeamBody } from '@caretracker/shared';
import { keys, useApi } from '@caretracker/ui/data';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

// A client's care team on the client record: read, put a worker on it, change a role, end a member's time.

const careTeamKey = (clientId: string) => [...keys.users.detail(clientId), 'care-team'] as const;

export function useCareTeam(clientId: string) {
  const api = useApi();
  return useQuery<CareTeam>({
    queryKey: careTeamKey(clientId),
    queryFn: ({ signal }) => api.get<CareTeam>(`/users/${clientId}/care-team`, undefined, { signal }),
  });
}

function useTeamMutation<T>(clientId: string, run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: careTeamKey(clientId) });
      // The record's audit trail shows the change.
      void queryClient.invalidateQueries({ queryKey: [...keys.audit.all, 'trail', clientId] });
    },
  });
}

export function useAssignToCareTeam(clientId: string) {
  const api = useApi();
  return useTeamMutation(clientId, (body: AssignCareTeamBody) =>
    api.request<CareTeamMember>('POST', `/users/${clientId}/care-team`, body),
  );
}

export function useChangeCareTeamMember(clientId: string) {
  const api = useApi();
  return useTeamMutation(clientId, ({ id, ...body }: ChangeCareTeamBody & { id: string }) =>
    api.request<CareTeamMember>('PUT', `/users/${clientId}/care-team/${id}`, body),
  );
}

export function useEndCareTeamMember(clientId: string) {
  const api = useApi();
  return useTeamMutation(clientId, (id: string) =>
    api.request<{ withdrawn: boolean }>('POST', `/users/${clientId}/care-team/${id}/end`, {}),
  );
}
