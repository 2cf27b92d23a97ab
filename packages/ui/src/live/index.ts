export { keysForChannel, keysForEvent } from './event-keys';
export {
  type LiveConnection,
  type LiveConnectionOptions,
  type LiveStatus,
  openLiveConnection,
  type WebSocketConstructor,
  type WebSocketLike,
} from './live-connection';
export { defaultLiveKeys, type LiveKeys, type QueryKey } from './query-keys';
export { type LiveStatuses, type LiveUpdatesOptions, useLiveUpdates } from './use-live-updates';
