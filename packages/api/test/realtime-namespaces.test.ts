import { randomUUID } from 'node:crypto';
import type { RealtimeFrame } from '@caretracker/shared';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisKeyPrefix, testConfig } from '../src/config/config';
import { createRedisTransport } from '../src/modules/realtime/redis-transport';
import type { EventEnvelope } from '../src/modules/realtime/transport';
import { hasPostgres, redisUrl } from './helpers/app';
import { createUser, type TestUser } from './helpers/factories';
import { connectLive, type ListeningApp, type LiveClient, listenApp } from './helpers/realtime';

/** A live event for one user on the notifications channel, as a module would publish it. */
function publishTo(app: ListeningApp, user: TestUser) {
  const messageId = randomUUID();
  app.app.deps.events.publish({
    type: 'message.new',
    audience: { userIds: [user.id], roles: [] },
    data: { conversationId: randomUUID(), messageId, senderId: user.id },
  });
  return messageId;
}
const message = (messageId: string) => (frame: RealtimeFrame) =>
  frame.type === 'message.new' && 'data' in frame && 'messageId' in frame.data && frame.data.messageId === messageId;
const messageIds = (client: LiveClient) =>
  client.events().flatMap((event) => ('messageId' in event.data ? [event.data.messageId] : []));

/** Deletes every key under a prefix (on the database `url` names). */
async function dropKeys(url: string, prefix: string) {
  const redis = new Redis(url);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}

// Two installations (say staging and production) on one Redis server. Here they share the test
// PostgreSQL database, so one user can hold a socket on each: only the Redis namespace differs.
describe.runIf(hasPostgres() && redisUrl())('installations sharing one Redis server never mix live events', () => {
  const apps: ListeningApp[] = [];
  const sockets: LiveClient[] = [];
  const prefixes: Array<[string, string]> = [];
  const start = async (prefix: string, url = redisUrl()!) => {
    const app = await listenApp({ redis: true, namespace: prefix, config: { REDIS_URL: url } });
    apps.push(app);
    prefixes.push([url, prefix]);
    return app;
  };
  const live = async (app: ListeningApp, user: TestUser) => {
    const socket = await connectLive(`${app.wsBase}/ws/notifications`, { token: user.token });
    sockets.push(socket);
    return socket;
  };
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all(apps.map((app) => app.close()));
    for (const [url, prefix] of prefixes) await dropKeys(url, prefix);
  });

  /** B's ids far ahead of A's, B publishes, then A; each hears only its own, A's lower ids included. */
  async function expectApart(a: ListeningApp, b: ListeningApp, bSeqKey: string, bRedisUrl: string) {
    const user = await createUser(a.app, { role: 'SUPERVISOR' });
    const onA = await live(a, user);
    const onB = await live(b, user);
    const redis = new Redis(bRedisUrl);
    await redis.set(bSeqKey, 1_000_000);
    await redis.quit();

    const fromB = publishTo(b, user);
    const frameOnB = await onB.next(message(fromB));
    expect((frameOnB as { id: number }).id).toBeGreaterThan(1_000_000);
    const fromA = publishTo(a, user);
    const frameOnA = await onA.next(message(fromA));
    expect((frameOnA as { id: number }).id).toBeLessThan(1_000_000);
    // Each channel delivers in order: had B's event reached A, it would have come before A's own.
    expect(messageIds(onA)).toEqual([fromA]);
    const secondFromA = publishTo(a, user);
    await onA.next(message(secondFromA));
    expect(messageIds(onA)).toEqual([fromA, secondFromA]);
    expect(messageIds(onB)).toEqual([fromB]);
  }

  it('with their own REDIS_KEY_PREFIX on one Redis database', async () => {
    const staging = `test:staging:${randomUUID()}`;
    const a = await start(`test:production:${randomUUID()}`);
    const b = await start(staging);
    await expectApart(a, b, `${staging}:realtime:seq`, redisUrl()!);
  });

  it('with one prefix on two Redis databases (keys are per database, channels per server)', async () => {
    const prefix = `test:shared:${randomUUID()}`;
    const otherDatabase = `${redisUrl()!.replace(/\/\d*$/, '')}/7`;
    const a = await start(prefix);
    const b = await start(prefix, otherDatabase);
    await expectApart(a, b, `${prefix}:realtime:seq`, otherDatabase);
  });
});

describe.runIf(redisUrl())('a process keeps delivering when the event ids start again', () => {
  it('a lower id after a Redis reset is a new event, not one already seen', async () => {
    const namespace = `test:reset:${randomUUID()}`;
    const redis = new Redis(redisUrl()!);
    const transport = createRedisTransport({ redis, namespace, capacity: 100, log: silentLog });
    const heard: number[] = [];
    transport.onEvent((event: EventEnvelope) => heard.push(event.id));
    const event = {
      type: 'message.new' as const,
      at: new Date().toISOString(),
      audience: { userIds: [], roles: [] },
      data: {},
    };
    const waitFor = async (count: number) => {
      for (let i = 0; i < 200 && heard.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    await transport.append(event);
    await redis.set(`${namespace}:seq`, 500);
    await transport.append(event);
    await waitFor(2);
    await redis.del(`${namespace}:seq`, `${namespace}:log`); // Redis lost its data
    await transport.append(event);
    await transport.append(event);
    await waitFor(4);
    expect(heard).toEqual([1, 501, 1, 2]);
    await transport.close();
    await redis.del(`${namespace}:seq`, `${namespace}:log`);
    await redis.quit();
  });
});

describe('REDIS_KEY_PREFIX', () => {
  it('defaults to the database name, so staging and production differ without configuration', () => {
    const url = (name: string) => `postgresql://postgres:pw@postgres:5432/${name}`;
    expect(redisKeyPrefix(testConfig({ DATABASE_URL: url('caretracker') }))).toBe('caretracker:caretracker');
    expect(redisKeyPrefix(testConfig({ DATABASE_URL: url('caretracker_staging') }))).toBe(
      'caretracker:caretracker_staging',
    );
    expect(redisKeyPrefix(testConfig())).toBe('caretracker:embedded');
    expect(redisKeyPrefix(testConfig({ REDIS_KEY_PREFIX: 'acme:prod', DATABASE_URL: url('x') }))).toBe('acme:prod');
    expect(() => testConfig({ REDIS_KEY_PREFIX: 'has space' })).toThrow(/REDIS_KEY_PREFIX/);
  });
});

const silentLog = {
  level: 'silent',
  fatal: () => {},
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  trace: () => {},
  silent: () => {},
  child: () => silentLog,
} as unknown as Parameters<typeof createRedisTransport>[0]['log'];
