export { type Backoff, backoffDelay } from './backoff';
export { CachePersistence } from './cache-persistence';
export { clearRuntimeCaches } from './device-caches';
export { OfflineQueryProvider, type OfflineQueryProviderProps, useCacheAge } from './offline-query-provider';
export {
  createOutbox,
  type EnqueueInput,
  type Outbox,
  type OutboxEvent,
  type OutboxOptions,
  type OutboxSnapshot,
} from './outbox';
export {
  DEFAULT_OUTBOX_DB,
  type OutboxForm,
  type OutboxItem,
  type OutboxMethod,
  type OutboxProblem,
  openOutboxStore,
} from './outbox-store';
export {
  CACHE_MAX_AGE_MS,
  cachePersistOptions,
  clearOfflineCache,
  createCachePersister,
  createIdbStorage,
  DEFAULT_CACHE_DB,
  shouldPersistQuery,
} from './query-persister';
export { classify, type ReplayOutcome, type ReplayTransport, replayItem } from './replay';
export { OutboxProvider, type OutboxProviderProps, type UseOutbox, useOutbox } from './use-outbox';
