import type { ModuleDeps } from '../module-deps';

export type BudgetsService = ReturnType<typeof createBudgetsService>;

// PLACEHOLDER being replaced by the budgets module.
export function createBudgetsService(deps: ModuleDeps) {
  return { deps };
}
