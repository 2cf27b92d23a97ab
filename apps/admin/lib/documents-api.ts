'use client';

import type { FileView } from '@caretracker/shared';
import { keys, useApi } from '@caretracker/ui/data';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

// The documents on a client's record: the files module's files attached to the client (entityType CLIENT).

export interface DocumentsPage {
  data: FileView[];
  pagination: { page: number; limit: number; total: number; totalPages: number };
}

const documentsKey = (clientId: string) => [...keys.users.detail(clientId), 'documents'] as const;

export function useClientDocuments(clientId: string, page: number) {
  const api = useApi();
  return useQuery<DocumentsPage>({
    queryKey: [...documentsKey(clientId), page],
    queryFn: ({ signal }) =>
      api.get<DocumentsPage>(
        '/files',
        { entityType: 'CLIENT', entityId: clientId, page, limit: 10 },
        { signal, envelope: true },
      ),
    placeholderData: keepPreviousData,
  });
}

function useDocumentsChanged(clientId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: documentsKey(clientId) });
    void queryClient.invalidateQueries({ queryKey: [...keys.audit.all, 'trail', clientId] });
  };
}

export function useUploadDocument(clientId: string) {
  const api = useApi();
  const changed = useDocumentsChanged(clientId);
  return useMutation({
    mutationFn: ({ file, description }: { file: File; description?: string }) => {
      const form = new FormData();
      form.set('entityType', 'CLIENT');
      form.set('entityId', clientId);
      form.set('category', 'document');
      if (description) form.set('description', description);
      form.set('file', file);
      return api.request<FileView>('POST', '/files/upload', form);
    },
    onSuccess: changed,
  });
}

export function useDeleteDocument(clientId: string) {
  const api = useApi();
  const changed = useDocumentsChanged(clientId);
  return useMutation({
    mutationFn: (id: string) => api.request('DELETE', `/files/${id}`),
    onSuccess: changed,
  });
}
