'use client';

import type { ConversationSummary, ConversationView, CreateConversationBody, MessageView } from '@caretracker/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../data/api-context';
import { keys } from '../data/keys';

// The messaging screens' data, shared by the apps: one key per resource (`keys.conversations`),
// so the live `message.new` events refresh exactly these.

/** The conversations the user takes part in, most recently active first, with unread counts. */
export function useConversations() {
  const api = useApi();
  return useQuery<ConversationSummary[]>({
    queryKey: keys.conversations.list({ limit: 50 }),
    queryFn: ({ signal }) => api.get<ConversationSummary[]>('/conversations', { limit: 50 }, { signal }),
  });
}

/** Messages not yet read, over all the user's conversations (the unread badge). */
export function useUnreadMessages(): number | undefined {
  const conversations = useConversations();
  return conversations.data?.reduce((sum, c) => sum + c.unreadCount, 0);
}

export function useConversation(id: string, enabled: boolean) {
  const api = useApi();
  return useQuery<ConversationView>({
    queryKey: keys.conversations.detail(id),
    queryFn: ({ signal }) => api.get<ConversationView>(`/conversations/${id}`, undefined, { signal }),
    enabled,
  });
}

/** The newest page of a thread (oldest to newest); message.new events refresh it. */
export function useThread(id: string, enabled: boolean) {
  const api = useApi();
  return useQuery<MessageView[]>({
    queryKey: keys.conversations.messages(id),
    queryFn: ({ signal }) => api.get<MessageView[]>(`/conversations/${id}/messages`, { limit: 50 }, { signal }),
    enabled,
  });
}

/** Moves the read receipt; `alsoChanges` are the app's own queries that show unread counts (a home screen). */
export function useMarkRead(id: string, alsoChanges: readonly (readonly unknown[])[] = []) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.request<unknown>('POST', `/conversations/${id}/read`, {}),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.conversations.lists() });
      for (const queryKey of alsoChanges) void queryClient.invalidateQueries({ queryKey });
    },
  });
}

export function usePostMessage(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api.request<MessageView>('POST', `/conversations/${id}/messages`, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.conversations.all }),
  });
}

/** Opens a conversation about a client with their care team (the API adds the team). */
export function useStartConversation() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateConversationBody) => api.request<ConversationView>('POST', '/conversations', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.conversations.all }),
  });
}

export interface ClientToWriteAbout {
  id: string;
  firstName: string;
  lastName: string;
}

/** The clients the user may open a conversation about (staff: the clients they look after). */
export function useClientsToWriteAbout(enabled: boolean) {
  const api = useApi();
  const filters = { role: 'CLIENT', limit: 100 };
  return useQuery<ClientToWriteAbout[]>({
    queryKey: keys.users.list(filters),
    queryFn: ({ signal }) => api.get<ClientToWriteAbout[]>('/users', filters, { signal }),
    enabled,
  });
}
