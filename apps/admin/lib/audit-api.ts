'use client';

import { keys, type Query, useApi } from '@caretracker/ui/data';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { config } from './config';

// The audit log screen's calls: one page of GET /audit (names included), the chain check and the
// address of the CSV export (the API answers it with the session cookie, as an attachment).

export interface AuditPerson {
  id: string;
  role: string;
  firstName: string;
  lastName: string;
}

export interface AuditLogEntry {
  id: string;
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  outcome: string;
  entityType: string;
  entityId: string | null;
  metadata: unknown;
  actor: AuditPerson | null;
  subject: AuditPerson | null;
}

export interface AuditLogPage {
  data: AuditLogEntry[];
  pagination: { page: number; limit: number; total: number; totalPages: number };
}

export interface ChainCheck {
  valid: boolean;
  checked: number;
  broken: Array<{ seq: number; id: string; reason: string }>;
}

export function useAuditLog(filters: Query) {
  const api = useApi();
  return useQuery<AuditLogPage>({
    queryKey: keys.audit.list(filters),
    queryFn: ({ signal }) => api.get<AuditLogPage>('/audit', filters, { signal, envelope: true }),
    placeholderData: keepPreviousData,
  });
}

/** Re-computes the hash chain on the server (admins); the check is itself audited. */
export function useVerifyChain() {
  const api = useApi();
  return useMutation({ mutationFn: () => api.get<ChainCheck>('/audit/verify') });
}

/** The download address of the filtered log as CSV. */
export function auditExportHref(filters: Record<string, string>): string {
  const search = new URLSearchParams(filters).toString();
  return `${config.apiUrl}/audit/export${search ? `?${search}` : ''}`;
}
