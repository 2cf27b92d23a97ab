import type {
  RealtimeChannel,
  RealtimeEvent,
  RealtimeFrame,
  REALTIME_BEARER_PROTOCOL_PREFIX as SharedBearerPrefix,
  REALTIME_CLOSE as SharedClose,
  REALTIME_PROTOCOL as SharedProtocol,
} from '@caretracker/shared';
import { type Backoff, backoffDelay } from '../offline/backoff';

// Copies of the shared constants (importing their module would pull zod into the browser); the
// types make any drift from packages/shared/src/realtime.ts a compile error.
const PROTOCOL: typeof SharedProtocol = 'caretracker.v1';
const BEARER_PREFIX: typeof SharedBearerPrefix = 'bearer.';
const CLOSE: typeof SharedClose = { serviceRestart: 1012, sessionEnded: 4401 };

/** `live`: replay done, events flowing. `signed-out`: the session ended; sign in to resume. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'signed-out' | 'closed';

/** The part of the browser's WebSocket this uses (the `ws` package's client has the same shape). */
export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(code?: number, reason?: string): void;
}
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

export interface LiveConnectionOptions {
  /** The API's WebSocket root, e.g. `ws://localhost:4000`. */
  url: string;
  channel: RealtimeChannel;
  onEvent(event: RealtimeEvent): void;
  /** The missed events are gone (replay log too short, or the server restarted): reload everything. */
  onRefetch(): void;
  onStatus?(status: LiveStatus): void;
  /** Default: the global WebSocket (browsers); tests and Node pass the `ws` package's. */
  WebSocket?: WebSocketConstructor;
  /** A bearer token to offer as a subprotocol (outside browsers); the apps use the session cookie. */
  token?: () => string | null;
  /**
   * Renews the session (the API client's refresh) when the server ended it (4401) or refused the
   * upgrade (it closed before opening: an expired access token looks like this). Resolve false when
   * there is no session left: the connection stops with `signed-out`. A rejection counts as a
   * network failure: the connection keeps retrying.
   */
  renewSession?: () => Promise<boolean>;
  backoff?: Backoff;
  random?: () => number;
  /** Online/offline awareness; default `navigator.onLine` and the window's online/offline events. */
  isOnline?: () => boolean;
}

export interface LiveConnection {
  readonly status: LiveStatus;
  /** The last event seen: a reconnect asks the server for everything after it. */
  readonly lastEventId: number | null;
  /** Reconnects now (online again, tab visible again), forgetting the backoff. */
  reconnectNow(): void;
  close(): void;
}

const DEFAULT_BACKOFF: Backoff = { baseMs: 1_000, maxMs: 30_000 };

function parse(data: unknown): RealtimeFrame | null {
  try {
    return JSON.parse(String(data)) as RealtimeFrame;
  } catch {
    return null;
  }
}

function restartDelay(reason: string): number | null {
  try {
    const hint = (JSON.parse(reason) as { reconnectAfterMs?: unknown }).reconnectAfterMs;
    return typeof hint === 'number' && hint >= 0 ? Math.min(hint, 60_000) : null;
  } catch {
    return null;
  }
}

/**
 * One live channel that keeps itself connected: reconnects with exponential backoff and jitter,
 * resumes from the last event it saw (the server replays what was missed, or answers `refetch`),
 * waits for the hinted delay after a server restart (1012), renews the session when it ended,
 * and stays quiet while the device is offline.
 */
export function openLiveConnection(options: LiveConnectionOptions): LiveConnection {
  const found = options.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketConstructor | undefined);
  if (!found) throw new Error('No WebSocket implementation: pass one as `WebSocket`');
  const Socket: WebSocketConstructor = found;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const isOnline = options.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine !== false));
  let status: LiveStatus = 'connecting';
  let lastEventId: number | null = null;
  let socket: WebSocketLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let stopped = false;

  function setStatus(next: LiveStatus) {
    if (status === next) return;
    status = next;
    options.onStatus?.(next);
  }

  function detach() {
    if (!socket) return;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = null;
    socket.close(1000, 'client closing');
    socket = null;
  }

  function receive(frame: RealtimeFrame) {
    if (frame.type === 'ready' || frame.type === 'refetch') {
      lastEventId = frame.lastEventId;
      failures = 0;
      setStatus('live');
      if (frame.type === 'refetch') options.onRefetch();
      return;
    }
    // Replays and live events can overlap by an event at the seam; ids only grow, so skip repeats.
    if (lastEventId !== null && frame.id <= lastEventId) return;
    lastEventId = frame.id;
    options.onEvent(frame);
  }

  async function afterClose(code: number, reason: string, opened: boolean) {
    socket = null;
    if (stopped) return;
    if (!isOnline()) return setStatus('offline');
    setStatus('reconnecting');
    if (code === CLOSE.serviceRestart)
      return schedule(restartDelay(reason) ?? backoffDelay(1, backoff, options.random));
    if ((code === CLOSE.sessionEnded || !opened) && options.renewSession) {
      const renewed = await options.renewSession().catch(() => null);
      if (stopped) return;
      if (renewed === false) return setStatus('signed-out');
      if (renewed === true && code === CLOSE.sessionEnded) return schedule(0);
    } else if (code === CLOSE.sessionEnded) {
      return setStatus('signed-out');
    }
    failures += 1;
    schedule(backoffDelay(failures, backoff, options.random));
  }

  function connect() {
    timer = null;
    if (stopped) return;
    if (!isOnline()) return setStatus('offline');
    const query = lastEventId === null ? '' : `?lastEventId=${lastEventId}`;
    const token = options.token?.();
    const protocols = token ? [PROTOCOL, `${BEARER_PREFIX}${token}`] : [PROTOCOL];
    const current = new Socket(`${options.url.replace(/\/+$/, '')}/ws/${options.channel}${query}`, protocols);
    socket = current;
    let opened = false;
    current.onopen = () => {
      opened = true;
    };
    current.onmessage = (event) => {
      const frame = parse(event.data);
      if (frame) receive(frame);
    };
    current.onerror = () => {}; // a close event always follows
    current.onclose = (event) => {
      if (socket === current) void afterClose(event.code, event.reason, opened);
    };
  }

  function schedule(delayMs: number) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(connect, delayMs);
  }

  function reconnectNow() {
    if (stopped) return;
    if (socket && status === 'live') return;
    failures = 0;
    detach();
    if (timer) clearTimeout(timer);
    setStatus('connecting');
    connect();
  }

  const onOnline = () => reconnectNow();
  const onOffline = () => {
    detach();
    if (timer) clearTimeout(timer);
    timer = null;
    setStatus('offline');
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible' && status !== 'live') reconnectNow();
  };
  const hasWindow = typeof window !== 'undefined' && typeof window.addEventListener === 'function';
  if (hasWindow) {
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onVisible);
  }
  connect();

  return {
    get status() {
      return status;
    },
    get lastEventId() {
      return lastEventId;
    },
    reconnectNow,
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      detach();
      if (hasWindow) {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
        document.removeEventListener('visibilitychange', onVisible);
      }
      setStatus('closed');
    },
  };
}
