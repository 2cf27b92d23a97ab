import type { ModuleDeps } from '../module-deps';

export type MessagesService = ReturnType<typeof createMessagesService>;

// PLACEHOLDER being replaced by the messages module.
export function createMessagesService(deps: ModuleDeps) {
  return { deps };
}
