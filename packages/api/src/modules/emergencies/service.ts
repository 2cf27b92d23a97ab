import type { ModuleDeps } from '../module-deps';

export type EmergenciesService = ReturnType<typeof createEmergenciesService>;

// PLACEHOLDER being replaced by the emergencies module.
export function createEmergenciesService(deps: ModuleDeps) {
  return { deps };
}
