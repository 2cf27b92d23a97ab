'use client';

import type { BudgetReport, TimesheetReport, VisitReport } from '@caretracker/shared';
import { type Query, useApi } from '@caretracker/ui/data';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { config } from './config';

// The reports module's three reports as JSON for the screen; the same address with `format=csv|pdf`
// is the download (the API answers it with the session cookie, as an attachment).

const reportKey = (name: string, filters: Query) => ['reports', name, filters] as const;

function useReport<T>(name: 'visits' | 'budgets' | 'timesheets', filters: Query, enabled = true) {
  const api = useApi();
  return useQuery<T>({
    queryKey: reportKey(name, filters),
    queryFn: ({ signal }) => api.get<T>(`/reports/${name}`, filters, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const useVisitReport = (filters: Query, enabled = true) => useReport<VisitReport>('visits', filters, enabled);
export const useBudgetReport = (filters: Query, enabled = true) => useReport<BudgetReport>('budgets', filters, enabled);
export const useTimesheetReport = (filters: Query, enabled = true) =>
  useReport<TimesheetReport>('timesheets', filters, enabled);

/** The download address of a report in CSV or PDF. */
export function reportDownload(name: string, filters: Record<string, string>, format: 'csv' | 'pdf'): string {
  const search = new URLSearchParams({ ...filters, format });
  return `${config.apiUrl}/reports/${name}?${search.toString()}`;
}
