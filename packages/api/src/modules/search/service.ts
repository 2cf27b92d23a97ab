import type { ModuleDeps } from '../module-deps';

export type SearchService = ReturnType<typeof createSearchService>;

// PLACEHOLDER being replaced by the search module.
export function createSearchService(deps: ModuleDeps) {
  return { deps };
}
