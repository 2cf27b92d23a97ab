import { createDatabase, type DatabaseHandle, migrateDatabase } from '@caretracker/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgres, redisUrl } from './helpers/app';
import { createUser, type TestUser } from './helpers/factories';
import { connectLive, type ListeningApp, listenApp } from './helpers/realtime';

const CAPACITY = 3;

/** The last id a fresh socket is told to resume from. */
async function currentId(server: ListeningApp, user: TestUser): Promise<number> {
  const client = await connectLive(`${server.wsBase}/ws/notifications`, { token: user.token });
  const ready = client.frames.find((frame) => frame.type === 'ready') as { lastEventId: number };
  client.close();
  await client.closed;
  return ready.lastEventId;
}

async function notify(server: ListeningApp, user: TestUser, count: number) {
  for (let index = 0; index < count; index++) {
    server.app.deps.events.publish({
      type: 'notification.new',
      audience: { userIds: [user.id], roles: [] },
      data: { notification: { title: `n${index}` } },
    });
  }
  await server.app.deps.events.flush();
}

const titles = (frames: Array<{ data?: unknown }>) =>
  frames.flatMap((frame) =>
    frame.data ? [(frame.data as { notification: { title: string } }).notification.title] : [],
  );

function replayLogSuite(name: string, start: () => Promise<ListeningApp>, runIf: boolean) {
  describe.runIf(runIf)(`replay log bounds (${name})`, () => {
    let server: ListeningApp;
    beforeAll(async () => {
      server = await start();
    });
    afterAll(() => server?.close());

    it('replays what is still in the log; an id older than the log gets refetch', async () => {
      const user = await createUser(server.app, { role: 'CLIENT' });
      const other = await createUser(server.app, { role: 'CLIENT' });
      const before = await currentId(server, user);
      // Two events the user missed, one for someone else between them: all still in the log.
      await notify(server, user, 1);
      await notify(server, other, 1);
      await notify(server, user, 1);
      const replayed = await connectLive(`${server.wsBase}/ws/notifications?lastEventId=${before}`, {
        token: user.token,
      });
      expect(titles(replayed.events())).toEqual(['n0', 'n0']);
      expect(replayed.frames.at(-1)).toEqual({ type: 'ready', lastEventId: before + 3, replayed: 2 });
      replayed.close();

      // Far more than the log keeps: the gap cannot be filled, so the client must refetch.
      await notify(server, user, CAPACITY * 2 + 1);
      const late = await connectLive(`${server.wsBase}/ws/notifications?lastEventId=${before}`, { token: user.token });
      expect(late.events()).toEqual([]);
      expect(late.frames).toEqual([{ type: 'refetch', lastEventId: before + 3 + CAPACITY * 2 + 1 }]);
      // …and live events follow the refetch as usual.
      await notify(server, user, 1);
      await late.next((frame) => frame.type === 'notification.new');
      late.close();
    });

    it('an id from the future (the log was reset) gets refetch; the current id replays nothing', async () => {
      const user = await createUser(server.app, { role: 'WORKER' });
      const now = await currentId(server, user);
      const future = await connectLive(`${server.wsBase}/ws/notifications?lastEventId=${now + 1_000}`, {
        token: user.token,
      });
      expect(future.frames).toEqual([{ type: 'refetch', lastEventId: now }]);
      future.close();
      const current = await connectLive(`${server.wsBase}/ws/notifications?lastEventId=${now}`, {
        token: user.token,
      });
      expect(current.frames).toEqual([{ type: 'ready', lastEventId: now, replayed: 0 }]);
      current.close();
    });

    it('a malformed lastEventId is refused before the upgrade', async () => {
      const user = await createUser(server.app, { role: 'WORKER' });
      const refused = await connectLive(`${server.wsBase}/ws/visits?lastEventId=abc`, { token: user.token }).then(
        () => 0,
        (error: { statusCode?: number }) => error.statusCode,
      );
      expect(refused).toBe(400);
    });
  });
}

replayLogSuite('in-process', () => listenApp({ redis: false, realtime: { replayCapacity: CAPACITY } }), true);
replayLogSuite(
  'Redis',
  () => listenApp({ redis: true, realtime: { replayCapacity: CAPACITY } }),
  Boolean(hasPostgres() && redisUrl()),
);

describe('replay log age', () => {
  let database: DatabaseHandle;
  let server: ListeningApp;
  beforeAll(async () => {
    database = createDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    server = await listenApp({ redis: false, database, realtime: { replayMaxAgeMs: 300 } });
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('events older than the replay window are not replayed: refetch', async () => {
    const user = await createUser(server.app, { role: 'CLIENT' });
    const before = await currentId(server, user);
    await notify(server, user, 1);
    const fresh = await connectLive(`${server.wsBase}/ws/notifications?lastEventId=${before}`, { token: user.token });
    expect(titles(fresh.events())).toEqual(['n0']);
    fresh.close();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const stale = await connectLive(`${server.wsBase}/ws/notifications?lastEventId=${before}`, { token: user.token });
    expect(stale.frames).toEqual([{ type: 'refetch', lastEventId: before + 1 }]);
    stale.close();
  });
});
