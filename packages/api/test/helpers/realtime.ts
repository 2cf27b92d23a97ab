import { randomUUID } from 'node:crypto';
import { createDatabase, type DatabaseHandle, migrateDatabase } from '@caretracker/database';
import type { RealtimeFrame } from '@caretracker/shared';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../../src/app';
import { type Config, testConfig } from '../../src/config/config';
import type { RealtimeOptions } from '../../src/modules/realtime/service';

export interface ListeningApp {
  app: FastifyInstance;
  /** ws://127.0.0.1:<port> */
  wsBase: string;
  close(): Promise<void>;
}

/**
 * The real app listening on a free port, as one API process: PostgreSQL and Redis when `redis`
 * (processes started with the same `namespace`, their REDIS_KEY_PREFIX, share events), otherwise the given or a fresh
 * PGlite database and in-process events.
 */
export async function listenApp(options: {
  redis: boolean;
  namespace?: string;
  realtime?: Partial<RealtimeOptions>;
  database?: DatabaseHandle;
  config?: Partial<Record<keyof Config, string>>;
}): Promise<ListeningApp> {
  let database = options.database;
  let ownsDatabase = false;
  if (!options.redis && !database) {
    database = createDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    ownsDatabase = true;
  }
  const config = testConfig({
    RATE_LIMIT_AUTH_MAX: '10000',
    RATE_LIMIT_MAX: '100000',
    ...(options.redis
      ? { DATABASE_URL: inject('databaseUrl')!, DATABASE_POOL_SIZE: '5', REDIS_URL: inject('redisUrl')! }
      : {}),
    REDIS_KEY_PREFIX: options.namespace ?? `test:${randomUUID()}`,
    ...options.config,
  });
  const app = await buildApp(config, { database, realtime: options.realtime });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    app,
    wsBase: `ws://127.0.0.1:${address.port}`,
    async close() {
      await app.close();
      if (ownsDatabase) await database?.close();
    },
  };
}

/** A WebSocket client that keeps every frame it receives and waits for the ones a test expects. */
export interface LiveClient {
  socket: WebSocket;
  frames: RealtimeFrame[];
  /** Resolves with the first frame (already received or coming) that matches, or rejects after `timeoutMs`. */
  next(match: (frame: RealtimeFrame) => boolean, timeoutMs?: number): Promise<RealtimeFrame>;
  /** Events (not control frames) received so far. */
  events(): Array<Extract<RealtimeFrame, { id: number }>>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export function connect(
  url: string,
  options: { token?: string; headers?: Record<string, string>; protocols?: string[] } = {},
): Promise<LiveClient> {
  const headers = { ...options.headers, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) };
  const socket = new WebSocket(url, options.protocols ?? [], { headers });
  const frames: RealtimeFrame[] = [];
  const waiters: Array<{ match: (frame: RealtimeFrame) => boolean; resolve: (frame: RealtimeFrame) => void }> = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as RealtimeFrame;
    frames.push(frame);
    for (const waiter of [...waiters]) {
      if (!waiter.match(frame)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(frame);
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const client: LiveClient = {
    socket,
    frames,
    closed,
    next(match, timeoutMs = 3_000) {
      const seen = frames.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          const index = waiters.indexOf(waiter);
          if (index < 0) return;
          waiters.splice(index, 1);
          reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`));
        }, timeoutMs);
      });
    },
    events: () => frames.filter((frame): frame is Extract<RealtimeFrame, { id: number }> => 'id' in frame),
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('unexpected-response', (_request, response) => {
      reject(Object.assign(new Error(`upgrade refused: ${response.statusCode}`), { statusCode: response.statusCode }));
    });
    socket.once('error', reject);
  });
}

/** Connects and waits for the server's `ready` (or `refetch`), so the socket is live. */
export async function connectLive(url: string, options: Parameters<typeof connect>[1] = {}): Promise<LiveClient> {
  const client = await connect(url, options);
  await client.next((frame) => frame.type === 'ready' || frame.type === 'refetch');
  return client;
}
