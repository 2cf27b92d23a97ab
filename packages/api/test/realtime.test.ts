import { randomUUID } from 'node:crypto';
import { schema } from '@caretracker/database';
import type { RealtimeFrame } from '@caretracker/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgres, redisUrl } from './helpers/app';
import { createVisitRow, northOf } from './helpers/care-factories';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { connect, connectLive, type ListeningApp, type LiveClient, listenApp } from './helpers/realtime';

const HOME = { lat: 45.5, lng: -122.6 };
const MINUTE = 60_000;

const visitEvent = (type: string, visitId: string) => (frame: RealtimeFrame) =>
  frame.type === type && 'data' in frame && 'visit' in frame.data && frame.data.visit.id === visitId;
const visitIdsOf = (client: LiveClient) =>
  client.events().flatMap((event) => ('visit' in event.data ? [event.data.visit.id] : []));

// Two API processes (two apps, each listening on its own port, each with its own Redis
// connections and subscriber) on one PostgreSQL and one Redis.
describe.runIf(hasPostgres() && redisUrl())('live updates across API processes (Redis)', () => {
  const namespace = `test:realtime:${randomUUID()}`;
  let a: ListeningApp;
  let b: ListeningApp;
  const sockets: LiveClient[] = [];
  const live = async (url: string, options: Parameters<typeof connect>[1]) => {
    const client = await connectLive(url, options);
    sockets.push(client);
    return client;
  };

  beforeAll(async () => {
    a = await listenApp({ redis: true, namespace });
    b = await listenApp({ redis: true, namespace });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all([a?.close(), b?.close()]);
  });

  async function teamWithVisit(offsetMinutes = -2) {
    const team = await createTeam(a.app);
    const visit = await createVisitRow(a.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(Date.now() + offsetMinutes * MINUTE),
    });
    return { ...team, visit };
  }

  /** Through process A's HTTP port, as a real client would. */
  async function checkInThroughA(worker: TestUser, visitId: string, point = northOf(HOME, 20)) {
    const response = await fetch(`${a.wsBase.replace('ws:', 'http:')}/visits/${visitId}/checkin`, {
      method: 'POST',
      headers: { ...worker.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ ...point, accuracyM: 10 }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
  }

  it('a check-in through process A reaches the supervisor’s socket on process B within one second', async () => {
    const { supervisor, worker, client, visit } = await teamWithVisit();
    const other = await createTeam(a.app);
    const admin = await createUser(a.app, { role: 'ADMIN' });
    const supervisorSocket = await live(`${b.wsBase}/ws/visits`, { token: supervisor.token });
    const clientSocket = await live(`${a.wsBase}/ws/visits`, { token: client.token });
    const adminSocket = await live(`${b.wsBase}/ws/visits`, { token: admin.token });
    const outsiderOnB = await live(`${b.wsBase}/ws/visits`, { token: other.worker.token });
    const outsiderOnA = await live(`${a.wsBase}/ws/visits`, { token: other.supervisor.token });

    const started = performance.now();
    await checkInThroughA(worker, visit.id);
    const event = await supervisorSocket.next(visitEvent('visit.checked_in', visit.id), 1_000);
    const latencyMs = performance.now() - started;
    expect(latencyMs).toBeLessThan(1_000);
    console.info(`check-in on A → supervisor socket on B: ${latencyMs.toFixed(1)} ms (HTTP request included)`);

    expect(event).toMatchObject({
      type: 'visit.checked_in',
      data: { visit: { id: visit.id, clientId: client.id, workerId: worker.id, status: 'IN_PROGRESS' } },
    });
    expect(typeof (event as { id: number }).id).toBe('number');
    // Hints only: no audience, no clinical content.
    expect(Object.keys(event).sort()).toEqual(['at', 'data', 'id', 'type']);
    await clientSocket.next(visitEvent('visit.checked_in', visit.id), 1_000);
    await adminSocket.next(visitEvent('visit.checked_in', visit.id), 1_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(outsiderOnB.events()).toEqual([]);
    expect(outsiderOnA.events()).toEqual([]);
  });

  it('a worker’s socket never receives another team’s events, on either process', async () => {
    const mine = await teamWithVisit();
    const theirs = await teamWithVisit();
    const workerOnA = await live(`${a.wsBase}/ws/visits`, { token: mine.worker.token });
    const workerOnB = await live(`${b.wsBase}/ws/visits`, { token: mine.worker.token });
    const theirSupervisor = await live(`${b.wsBase}/ws/visits`, { token: theirs.supervisor.token });

    // Their check-in, with a geofence exception (2 km away); their visit cancelled by their supervisor.
    await checkInThroughA(theirs.worker, theirs.visit.id, northOf(HOME, 2_000));
    const upcoming = await createVisitRow(a.app, {
      clientId: theirs.client.id,
      workerId: theirs.worker.id,
      start: new Date(Date.now() + 24 * 60 * MINUTE),
    });
    const cancelled = await b.app.inject({
      method: 'POST',
      url: `/visits/${upcoming.id}/cancel`,
      headers: theirs.supervisor.headers,
      payload: { reason: 'Client in hospital' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await theirSupervisor.next(visitEvent('evv.exception', theirs.visit.id));
    await theirSupervisor.next(visitEvent('visit.updated', upcoming.id));

    // Then our own check-in arrives on both of our worker's sockets, and nothing else ever did.
    await checkInThroughA(mine.worker, mine.visit.id);
    await workerOnA.next(visitEvent('visit.checked_in', mine.visit.id));
    await workerOnB.next(visitEvent('visit.checked_in', mine.visit.id));
    expect(new Set(visitIdsOf(workerOnA))).toEqual(new Set([mine.visit.id]));
    expect(new Set(visitIdsOf(workerOnB))).toEqual(new Set([mine.visit.id]));
  });

  it('a visit given to another worker is told to the worker it was taken from (it leaves their day), not to outsiders', async () => {
    const { supervisor, worker, client, visit } = await teamWithVisit();
    const upcoming = await createVisitRow(a.app, {
      clientId: client.id,
      workerId: worker.id,
      start: new Date(Date.now() + 26 * 60 * MINUTE),
    });
    const colleague = await createUser(a.app, { role: 'WORKER', supervisorId: supervisor.id });
    const outsider = await createTeam(a.app);
    const formerSocket = await live(`${b.wsBase}/ws/visits`, { token: worker.token });
    const newSocket = await live(`${a.wsBase}/ws/visits`, { token: colleague.token });
    const outsiderSocket = await live(`${b.wsBase}/ws/visits`, { token: outsider.worker.token });

    const moved = await a.app.inject({
      method: 'PUT',
      url: `/visits/${upcoming.id}`,
      headers: supervisor.headers,
      payload: { workerId: colleague.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const told = await formerSocket.next(visitEvent('visit.updated', upcoming.id));
    expect(told).toMatchObject({ data: { visit: { id: upcoming.id, workerId: colleague.id } } });
    await newSocket.next(visitEvent('visit.updated', upcoming.id));

    // A change that keeps the worker is not told to the one before: they are no longer concerned.
    const later = await a.app.inject({
      method: 'PUT',
      url: `/visits/${upcoming.id}`,
      headers: supervisor.headers,
      payload: { notes: 'Bring the spare key' },
    });
    expect(later.statusCode, later.body).toBe(200);
    // Events reach a process in the order they were published: the former worker's own check-in
    // after it arrives, so by then the note's change would have too.
    await checkInThroughA(worker, visit.id);
    await formerSocket.next(visitEvent('visit.checked_in', visit.id));
    expect(visitIdsOf(formerSocket).filter((id) => id === upcoming.id)).toHaveLength(1);
    expect(visitIdsOf(outsiderSocket)).not.toContain(upcoming.id);
  });

  it('an upgrade without a live session is refused with 401 and no socket; a foreign origin with 403', async () => {
    const refusal = (url: string, options: Parameters<typeof connect>[1] = {}) =>
      connect(url, options).then(
        () => 0,
        (error: { statusCode?: number }) => error.statusCode ?? -1,
      );
    expect(await refusal(`${a.wsBase}/ws/visits`)).toBe(401);
    expect(await refusal(`${b.wsBase}/ws/notifications`, { token: 'not-a-token' })).toBe(401);
    const worker = await createUser(a.app, { role: 'WORKER' });
    await a.app.deps.db
      .update(schema.sessions)
      .set({ revokedAt: new Date() })
      .where(eq(schema.sessions.userId, worker.id));
    expect(await refusal(`${b.wsBase}/ws/visits`, { token: worker.token })).toBe(401);

    const supervisor = await createUser(a.app, { role: 'SUPERVISOR' });
    expect(
      await refusal(`${a.wsBase}/ws/visits`, { token: supervisor.token, headers: { origin: 'https://evil.example' } }),
    ).toBe(403);
    // The apps' origins, the access cookie and the subprotocol token are all accepted.
    const viaCookie = await live(`${a.wsBase}/ws/visits`, {
      headers: { cookie: `ct_access=${supervisor.token}`, origin: 'http://localhost:3002' },
    });
    expect(viaCookie.socket.readyState).toBe(viaCookie.socket.OPEN);
    const viaProtocol = await live(`${b.wsBase}/ws/visits`, {
      protocols: ['caretracker.v1', `bearer.${supervisor.token}`],
    });
    expect(viaProtocol.socket.protocol).toBe('caretracker.v1');
  });

  it('reconnecting with the last id replays, in order, the missed events the user may see', async () => {
    const mine = await teamWithVisit();
    const theirs = await teamWithVisit();
    const first = await live(`${b.wsBase}/ws/visits`, { token: mine.supervisor.token });
    const ready = first.frames.find((frame) => frame.type === 'ready') as { lastEventId: number };
    first.close();
    await first.closed;

    // While disconnected: our check-in (through A), their check-in, our visit confirmed (through B).
    await checkInThroughA(mine.worker, mine.visit.id);
    await checkInThroughA(theirs.worker, theirs.visit.id);
    const upcoming = await createVisitRow(a.app, {
      clientId: mine.client.id,
      workerId: mine.worker.id,
      start: new Date(Date.now() + 24 * 60 * MINUTE),
    });
    const confirmed = await b.app.inject({
      method: 'POST',
      url: `/visits/${upcoming.id}/confirm`,
      headers: mine.supervisor.headers,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);

    const again = await live(`${a.wsBase}/ws/visits?lastEventId=${ready.lastEventId}`, {
      token: mine.supervisor.token,
    });
    const replayed = again.events();
    expect(replayed.map((event) => [event.type, 'visit' in event.data ? event.data.visit.id : null])).toEqual([
      ['visit.checked_in', mine.visit.id],
      ['visit.updated', upcoming.id],
    ]);
    expect(replayed[0]!.id).toBeLessThan(replayed[1]!.id);
    const control = again.frames.find((frame) => frame.type === 'ready');
    expect(control).toEqual({ type: 'ready', lastEventId: expect.any(Number), replayed: 2 });
    expect((control as { lastEventId: number }).lastEventId).toBeGreaterThanOrEqual(replayed[1]!.id);
  });

  it('fans one event out to 500 sockets spread over both processes within one second', async () => {
    const { worker, visit } = await teamWithVisit();
    const admin = await createUser(a.app, { role: 'ADMIN' });
    const crowd = await Promise.all(
      Array.from({ length: 500 }, (_, index) =>
        live(`${(index % 2 === 0 ? a : b).wsBase}/ws/visits`, { token: admin.token }),
      ),
    );
    const started = performance.now();
    await checkInThroughA(worker, visit.id);
    const arrivals = await Promise.all(
      crowd.map((socket) =>
        socket.next(visitEvent('visit.checked_in', visit.id), 1_000).then(() => performance.now() - started),
      ),
    );
    arrivals.sort((x, y) => x - y);
    const last = arrivals.at(-1)!;
    expect(last).toBeLessThan(1_000);
    console.info(
      `500 sockets on two processes: first ${arrivals[0]!.toFixed(1)} ms, median ${arrivals[250]!.toFixed(1)} ms, ` +
        `last ${last.toFixed(1)} ms after the check-in request started`,
    );
    for (const socket of crowd) socket.close();
  });
});
