'use client';

import type {
  EndedSessions,
  MySession,
  NotificationPreferenceView,
  UpdateNotificationPreferencesBody,
  UpdateUserBody,
  UserView,
} from '@caretracker/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MfaSetup } from './api-client';
import { useApi } from './api-context';
import { keys } from './keys';

// The account screens' calls. Each mutation refreshes exactly the queries it changes.

/** /auth/* calls made while signed in refresh an expired access token like any other call. */
const signedIn = { refreshOnUnauthorized: true } as const;

/** My own user record with its profile (GET /users/:id). */
export function useUser(id: string | undefined) {
  const api = useApi();
  return useQuery<UserView>({
    queryKey: keys.users.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<UserView>(`/users/${id}`, undefined, { signal }),
    enabled: Boolean(id),
  });
}

export function useUpdateUser(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateUserBody) => api.request<UserView>('PUT', `/users/${id}`, body),
    onSuccess: (user) => {
      queryClient.setQueryData(keys.users.detail(id), user);
      void queryClient.invalidateQueries({ queryKey: keys.me });
    },
  });
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  endOtherSessions: boolean;
}

export function useChangePassword() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: ChangePasswordInput) =>
      api.request<{ endedSessions: number }>('POST', '/auth/password/change', body, signedIn),
  });
}

/** Forgot password: always "sent" (the API answers 202 whether or not the account exists). */
export function useRequestPasswordReset() {
  const api = useApi();
  return useMutation({
    mutationFn: (email: string) => api.request<{ message: string }>('POST', '/auth/password/reset-request', { email }),
  });
}

export function useResetPassword() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: { token: string; newPassword: string }) =>
      api.request<{ message: string }>('POST', '/auth/password/reset', body),
  });
}

/** /verify-email: confirms the address with the emailed token (single use, one hour). */
export function useVerifyEmail() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api.request<{ message: string }>('POST', '/auth/email/verify', { token }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.me }),
  });
}

/** Emails the signed-in user a new confirmation link. */
export function useRequestEmailVerification() {
  const api = useApi();
  return useMutation({
    mutationFn: () => api.request<{ message: string }>('POST', '/auth/email/verify-request', undefined, signedIn),
  });
}

export function useNotificationPreferences() {
  const api = useApi();
  return useQuery<NotificationPreferenceView[]>({
    queryKey: keys.notifications.preferences,
    queryFn: ({ signal }) => api.get<NotificationPreferenceView[]>('/notifications/preferences', undefined, { signal }),
  });
}

export function useUpdateNotificationPreferences() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateNotificationPreferencesBody) =>
      api.request<NotificationPreferenceView[]>('PUT', '/notifications/preferences', body),
    onSuccess: (preferences) => queryClient.setQueryData(keys.notifications.preferences, preferences),
  });
}

/** Two-step verification while signed in: start, confirm with a code (recovery codes once), turn off. */
export function useMfaSetup() {
  const api = useApi();
  return useMutation({ mutationFn: () => api.request<MfaSetup>('POST', '/auth/mfa/setup', {}, signedIn) });
}

export function useMfaEnable() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      api.request<{ recoveryCodes: string[] }>('POST', '/auth/mfa/enable', { code }, signedIn),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.me }),
  });
}

export function useMfaDisable() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { password: string; code: string }) =>
      api.request<{ message: string }>('POST', '/auth/mfa/disable', body, signedIn),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.me }),
  });
}

/** The devices signed in to this account (this one first). */
export function useMySessions() {
  const api = useApi();
  return useQuery<MySession[]>({
    queryKey: keys.mySessions,
    queryFn: ({ signal }) => api.get<MySession[]>('/auth/sessions', undefined, { signal, ...signedIn }),
  });
}

/** Signs out one other device; its next request is refused. */
export function useEndSession() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.request<{ message: string }>('DELETE', `/auth/sessions/${id}`, undefined, signedIn),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.mySessions }),
  });
}

export function useEndOtherSessions() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.request<EndedSessions>('POST', '/auth/sessions/sign-out-others', undefined, signedIn),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.mySessions }),
  });
}
