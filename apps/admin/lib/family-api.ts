'use client';

import type { FamilyCandidate, FamilyMember, LinkFamilyMemberBody } from '@caretracker/shared';
import { keys, useApi } from '@caretracker/ui/data';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

// A client's family members with their own sign-in, on the client record: list, find a login, link, unlink.

const familyKey = (clientId: string) => [...keys.users.detail(clientId), 'family-members'] as const;

export function useFamilyMembers(clientId: string, enabled: boolean) {
  const api = useApi();
  return useQuery<FamilyMember[]>({
    queryKey: familyKey(clientId),
    queryFn: ({ signal }) => api.get<FamilyMember[]>(`/users/${clientId}/family-members`, undefined, { signal }),
    enabled,
  });
}

export function useFamilyCandidates(clientId: string, search: string) {
  const api = useApi();
  const query = search ? { search } : undefined;
  return useQuery<FamilyCandidate[]>({
    queryKey: [...familyKey(clientId), 'candidates', search],
    queryFn: ({ signal }) =>
      api.get<FamilyCandidate[]>(`/users/${clientId}/family-members/candidates`, query, { signal }),
    placeholderData: keepPreviousData,
  });
}

function useFamilyMutation<T>(clientId: string, run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => {
      // The list and the candidates both change; the record's audit trail shows the change.
      void queryClient.invalidateQueries({ queryKey: familyKey(clientId) });
      void queryClient.invalidateQueries({ queryKey: [...keys.audit.all, 'trail', clientId] });
    },
  });
}

export function useLinkFamilyMember(clientId: string) {
  const api = useApi();
  return useFamilyMutation(clientId, (body: LinkFamilyMemberBody) =>
    api.request<FamilyMember[]>('POST', `/users/${clientId}/family-members`, body),
  );
}

export function useUnlinkFamilyMember(clientId: string) {
  const api = useApi();
  return useFamilyMutation(clientId, (userId: string) =>
    api.request<{ message: string }>('DELETE', `/users/${clientId}/family-members/${userId}`),
  );
}
