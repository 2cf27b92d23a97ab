'use client';

import type {
  BudgetForecast,
  BudgetSummary,
  BudgetView,
  CreateExpenseBody,
  FileView,
  UncoveredVisits,
} from '@caretracker/shared';
import { keys, type Query, useApi } from '@caretracker/ui/data';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';

// Budgets from the office: the list, one budget with its figures and expenses, its forecast, the
// visits no budget covers, and the expense writes (add with a receipt, approve, reject).

export function useBudgets(filters: Query) {
  const api = useApi();
  return useQuery<BudgetSummary[]>({
    queryKey: keys.budgets.list(filters),
    queryFn: ({ signal }) => api.get<BudgetSummary[]>('/budgets', filters, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useBudget(id: string, enabled = true) {
  const api = useApi();
  return useQuery<BudgetView>({
    queryKey: keys.budgets.detail(id),
    queryFn: ({ signal }) => api.get<BudgetView>(`/budgets/${id}`, undefined, { signal }),
    enabled,
  });
}

export function useBudgetForecast(id: string, enabled = true) {
  const api = useApi();
  return useQuery<BudgetForecast>({
    queryKey: keys.budgets.forecast(id),
    queryFn: ({ signal }) => api.get<BudgetForecast>(`/budgets/${id}/forecast`, undefined, { signal }),
    enabled,
  });
}

export function useUncoveredVisits(filters: Query) {
  const api = useApi();
  return useQuery<UncoveredVisits>({
    queryKey: [...keys.budgets.lists(), 'uncovered', filters],
    queryFn: ({ signal }) => api.get<UncoveredVisits>('/budgets/uncovered', filters, { signal }),
  });
}

function useBudgetChanged(id: string) {
  const queryClient = useQueryClient();
  return (budget: BudgetView) => {
    queryClient.setQueryData(keys.budgets.detail(id), budget);
    void queryClient.invalidateQueries({ queryKey: keys.budgets.lists() });
    void queryClient.invalidateQueries({ queryKey: keys.budgets.forecast(id) });
    return budget;
  };
}

/** Uploads the receipt to the client's files (the expense does not exist yet), then adds the expense. */
export function useAddExpense(budget: { id: string; clientId: string }) {
  const api = useApi();
  const changed = useBudgetChanged(budget.id);
  // A receipt already uploaded for a refused attempt (over the limit) is reused when it is sent again.
  const uploaded = useRef(new WeakMap<File, string>());
  return useMutation({
    mutationFn: async ({ receipt, ...body }: CreateExpenseBody & { receipt?: File | null }) => {
      let receiptFileId = receipt ? uploaded.current.get(receipt) : undefined;
      if (receipt && !receiptFileId) {
        const form = new FormData();
        form.set('entityType', 'CLIENT');
        form.set('entityId', budget.clientId);
        form.set('category', 'receipt');
        form.set('description', body.description);
        form.set('file', receipt);
        receiptFileId = (await api.request<FileView>('POST', '/files/upload', form)).id;
        uploaded.current.set(receipt, receiptFileId);
      }
      return api
        .request<BudgetView>('POST', `/budgets/${budget.id}/expenses`, {
          ...body,
          ...(receiptFileId ? { receiptFileId } : {}),
        })
        .then(changed);
    },
  });
}

export function useDecideExpense(budgetId: string) {
  const api = useApi();
  const changed = useBudgetChanged(budgetId);
  return useMutation({
    mutationFn: ({ expenseId, decision, note }: { expenseId: string; decision: 'approve' | 'reject'; note?: string }) =>
      api
        .request<BudgetView>('POST', `/budgets/${budgetId}/expenses/${expenseId}/${decision}`, note ? { note } : {})
        .then(changed),
  });
}
