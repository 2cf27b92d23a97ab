import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '@caretracker/shared';

export interface Actor {
  id: string;
  role: Role;
  sessionId: string;
  /** A family member's (CLIENT role): the client they act for, whose records they see as that client does. */
  actsForClientId?: string;
}

/** The client whose records a CLIENT-role actor sees: their own, or the client a family member acts for. */
export const ownClientId = (actor: Actor): string => actor.actsForClientId ?? actor.id;

/** What every log line, audit row and queued job of one request inherits. */
export interface RequestContext {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  actor: Actor | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request's context; outside a request (jobs, CLI) a system context. */
export function currentContext(): RequestContext {
  return storage.getStore() ?? { requestId: 'system', ip: null, userAgent: null, actor: null };
}

export function setActor(actor: Actor | null): void {
  const store = storage.getStore();
  if (store) store.actor = actor;
}
