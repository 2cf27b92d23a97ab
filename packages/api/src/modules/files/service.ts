import type { ModuleDeps } from '../module-deps';

export type FilesService = ReturnType<typeof createFilesService>;

// PLACEHOLDER being replaced by the files module.
export function createFilesService(deps: ModuleDeps) {
  return { deps };
}
