'use client';

import type { CreateUserBody, UpdateUserBody, UserView } from '@caretracker/shared';
import { keys, useApi } from '@caretracker/ui/data';
import { useMutation, useQueryClient } from '@tanstack/react-query';

// Writes to people from the office: create, edit (with the version read, so a lost update is a 409),
// deactivate and reactivate. The API ends a deactivated person's sessions in the same transaction.

export function useCreatePerson() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.request<UserView>('POST', '/users', body),
    onSuccess: (person) => {
      queryClient.setQueryData(keys.users.detail(person.id), person);
      void queryClient.invalidateQueries({ queryKey: keys.users.lists() });
    },
  });
}

export function useUpdatePerson(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateUserBody) => api.request<UserView>('PUT', `/users/${id}`, body),
    onSuccess: (person) => {
      queryClient.setQueryData(keys.users.detail(id), person);
      void queryClient.invalidateQueries({ queryKey: keys.users.lists() });
    },
  });
}
