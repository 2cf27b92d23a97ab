import { randomUUID } from 'node:crypto';
import type { RealtimeFrame } from '@caretracker/shared';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgres, redisUrl } from './helpers/app';
import { createUser } from './helpers/factories';
import { waitUntil } from './helpers/queues';
import { connectLive, type ListeningApp, type LiveClient, listenApp } from './helpers/realtime';
import { type RedisProxy, startRedisProxy } from './helpers/redis-proxy';

const titled = (title: string) => (frame: RealtimeFrame) =>
  'data' in frame && (frame.data as { notification?: { title?: string } }).notification?.title === title;

// Two API processes whose Redis goes away (a proxy cuts them off) and comes back without its data.
// An event published on A meanwhile must still reach B's socket once Redis is back: A holds it and
// publishes it again, and B, whose subscriber was cut off, tells its sockets to refetch and to
// resume after the new sequence's id (ids start again when Redis lost its data).
describe.runIf(hasPostgres() && redisUrl())('live updates across processes after a Redis outage', () => {
  const namespace = `test:outage:${randomUUID()}`;
  let proxy: RedisProxy;
  let a: ListeningApp;
  let b: ListeningApp;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    proxy = await startRedisProxy(redisUrl()!);
    a = await listenApp({ redis: true, namespace, config: { REDIS_URL: proxy.url } });
    b = await listenApp({ redis: true, namespace, config: { REDIS_URL: proxy.url } });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await proxy.restore().catch(() => undefined);
    await Promise.all([a?.close(), b?.close()]);
    await proxy.close();
  });

  const publishOnA = async (userId: string, title: string) => {
    a.app.deps.events.publish({
      type: 'notification.new',
      audience: { userIds: [userId], roles: [] },
      data: { notification: { title } },
    });
    await a.app.deps.events.flush();
  };

  it('an event published on A during the outage reaches B’s socket after Redis returns', async () => {
    const user = await createUser(a.app, { role: 'CLIENT' });
    const onA = await connectLive(`${a.wsBase}/ws/notifications`, { token: user.token });
    const onB = await connectLive(`${b.wsBase}/ws/notifications`, { token: user.token });
    sockets.push(onA, onB);
    await publishOnA(user.id, 'before');
    await onB.next(titled('before'));

    await proxy.cut();
    await waitUntil(() => a.app.deps.redis?.status !== 'ready', 5_000, 'A to notice');
    await publishOnA(user.id, 'during');
    expect(a.app.deps.events.held, 'the event A could not publish is held').toBe(1);
    // A's own sockets reload at once.
    await onA.next((frame) => frame.type === 'refetch');
    // Redis comes back empty.
    const direct = new Redis(redisUrl()!);
    await direct.del(`${namespace}:realtime:seq`, `${namespace}:realtime:log`);
    const framesBefore = onB.frames.length;
    await proxy.restore();

    // B is told to refetch, resuming after the new sequence's id…
    const refetch = (await onB.next(
      (frame) => frame.type === 'refetch' && onB.frames.indexOf(frame) >= framesBefore,
      15_000,
    )) as Extract<RealtimeFrame, { type: 'refetch' }>;
    // …and A sends the held event again, through the log every process replays from.
    await waitUntil(() => a.app.deps.events.held === 0, 15_000, 'the held event published');
    const logged = await direct.zrange(`${namespace}:realtime:log`, 0, -1);
    expect(logged.filter((row) => row.includes('"during"'))).toHaveLength(1);
    direct.disconnect();

    // Live updates resume on B after the refetch's id (an app skips ids at or below its last one).
    await waitUntil(() => b.app.deps.redis?.status === 'ready' && a.app.deps.redis?.status === 'ready', 10_000);
    await publishOnA(user.id, 'after');
    const after = (await onB.next(titled('after'), 5_000)) as Extract<RealtimeFrame, { id: number }>;
    expect(after.id).toBeGreaterThan(refetch.lastEventId);
  });
});
