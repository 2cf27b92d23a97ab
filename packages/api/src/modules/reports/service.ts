import type { ModuleDeps } from '../module-deps';

export type ReportsService = ReturnType<typeof createReportsService>;

// PLACEHOLDER being replaced by the reports module.
export function createReportsService(deps: ModuleDeps) {
  return { deps };
}
