import { schema } from '@caretracker/database';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createVisitRow, northOf } from './helpers/care-factories';
import { assignToCareTeam, createTeam, createUser } from './helpers/factories';
import { connectLive, type ListeningApp, type LiveClient, listenApp } from './helpers/realtime';

const HOME = { lat: 45.5, lng: -122.6 };
const HEARTBEAT_MS = 150;

// The embedded shape: PGlite and no Redis, so events go through an in-process emitter.
describe('live updates in the embedded mode (no Redis)', () => {
  let server: ListeningApp;
  const sockets: LiveClient[] = [];
  const live = async (path: string, token: string) => {
    const client = await connectLive(`${server.wsBase}${path}`, { token });
    sockets.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await listenApp({ redis: false, realtime: { heartbeatMs: HEARTBEAT_MS } });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.close();
  });

  it('a check-in reaches the team’s visit sockets and the supervisor’s notification socket', async () => {
    const { app } = server;
    const team = await createTeam(app);
    const visit = await createVisitRow(app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(Date.now() - 120_000),
    });
    const supervisorVisits = await live('/ws/visits', team.supervisor.token);
    const supervisorInbox = await live('/ws/notifications', team.supervisor.token);
    const workerInbox = await live('/ws/notifications', team.worker.token);
    expect(app.deps.events.transport.kind).toBe('in-process');

    // 800 m from home: an EVV exception, which notifies the supervisor.
    const response = await app.inject({
      method: 'POST',
      url: `/visits/${visit.id}/checkin`,
      headers: team.worker.headers,
      payload: { ...northOf(HOME, 800), accuracyM: 10 },
    });
    expect(response.statusCode, response.body).toBe(200);
    const checkedIn = await supervisorVisits.next((frame) => frame.type === 'visit.checked_in');
    const exception = await supervisorVisits.next((frame) => frame.type === 'evv.exception');
    expect(exception).toMatchObject({
      data: {
        visit: { id: visit.id, status: 'IN_PROGRESS' },
        exception: { type: 'CHECKIN_OUTSIDE_GEOFENCE', status: 'OPEN' },
      },
    });
    expect((exception as { id: number }).id).toBe((checkedIn as { id: number }).id + 1);
    const notification = await supervisorInbox.next((frame) => frame.type === 'notification.new');
    expect(notification).toMatchObject({
      data: { notification: { category: 'EVV_EXCEPTION', entityType: 'visit', entityId: visit.id } },
    });
    // The worker was not notified, and visit events do not go to notification sockets.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(workerInbox.events()).toEqual([]);
    expect(supervisorInbox.events().every((event) => event.type === 'notification.new')).toBe(true);
  });

  it('a supervisor whose worker is on the client’s care team hears of the client’s visits; others do not', async () => {
    const { app } = server;
    const team = await createTeam(app);
    const backupTeam = await createTeam(app);
    const unrelated = await createTeam(app);
    await assignToCareTeam(app, team.client.id, backupTeam.worker.id, 'BACKUP');
    const backupSupervisor = await live('/ws/visits', backupTeam.supervisor.token);
    const unrelatedSupervisor = await live('/ws/visits', unrelated.supervisor.token);
    const visit = await createVisitRow(app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(Date.now() + 86_400_000),
    });
    const confirmed = await app.inject({
      method: 'POST',
      url: `/visits/${visit.id}/confirm`,
      headers: team.supervisor.headers,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    // The same rule as GET /visits/:id: the backup team's supervisor may read it, the other may not.
    const read = (user: { headers: Record<string, string> }) =>
      app.inject({ method: 'GET', url: `/visits/${visit.id}`, headers: user.headers });
    expect((await read(backupTeam.supervisor)).statusCode).toBe(200);
    expect((await read(unrelated.supervisor)).statusCode).toBe(404);
    await backupSupervisor.next((frame) => frame.type === 'visit.updated');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(unrelatedSupervisor.events()).toEqual([]);
  });

  it('an event published inside a transaction leaves only if it commits', async () => {
    const { app } = server;
    const user = await createUser(app, { role: 'WORKER' });
    const inbox = await live('/ws/notifications', user.token);
    const event = (title: string) => ({
      type: 'notification.new' as const,
      audience: { userIds: [user.id], roles: [] },
      data: { notification: { title } },
    });
    await expect(
      app.deps.db.transaction(async () => {
        app.deps.events.publish(event('rolled back'));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await app.deps.db.transaction(async () => {
      app.deps.events.publish(event('committed'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Not yet: the transaction is still open.
      expect(inbox.events()).toEqual([]);
    });
    await inbox.next((frame) => frame.type === 'notification.new');
    await app.deps.events.flush();
    expect(inbox.events().map((e) => (e.data as { notification: { title: string } }).notification.title)).toEqual([
      'committed',
    ]);
  });

  it('heartbeat: a socket that stops answering pings is dropped; a live one stays', async () => {
    const { app } = server;
    const user = await createUser(app, { role: 'CLIENT' });
    const healthy = await live('/ws/visits', user.token);
    const dead = new WebSocket(`${server.wsBase}/ws/visits`, { headers: user.headers, autoPong: false });
    const closed = new Promise<number>((resolve) => dead.on('close', (code) => resolve(code)));
    await new Promise((resolve) => dead.once('open', resolve));
    const started = Date.now();
    const code = await closed;
    // Dropped (terminated, so 1006 on this side) after one unanswered ping: within two intervals and a bit.
    expect(code).toBe(1006);
    expect(Date.now() - started).toBeLessThan(HEARTBEAT_MS * 2 + 250);
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 3));
    expect(healthy.socket.readyState).toBe(WebSocket.OPEN);
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/caretracker_websocket_dropped_total\{reason="heartbeat"\} [1-9]/);
    expect(metrics.body).toMatch(/caretracker_websocket_connections\{channel="visits"\} [1-9]/);
    expect(metrics.body).toMatch(/caretracker_realtime_events_published_total\{type="visit.checked_in"\} 1/);
    expect(metrics.body).toMatch(/caretracker_realtime_events_delivered_total\{channel="visits"\} [1-9]/);
  });

  it('a socket whose session ends (logout, deactivation) is closed with 4401 within a heartbeat', async () => {
    const { app } = server;
    const user = await createUser(app, { role: 'WORKER' });
    const socket = await live('/ws/notifications', user.token);
    await app.deps.db.update(schema.users).set({ isActive: false }).where(eq(schema.users.id, user.id));
    const { code, reason } = await socket.closed;
    expect(code).toBe(4401);
    expect(reason).toBe('session ended');
  });
});

describe('graceful shutdown', () => {
  it('closes every socket with 1012 and a reconnect hint', async () => {
    const server = await listenApp({ redis: false });
    const user = await createUser(server.app, { role: 'SUPERVISOR' });
    const visits = await connectLive(`${server.wsBase}/ws/visits`, { token: user.token });
    const inbox = await connectLive(`${server.wsBase}/ws/notifications`, { token: user.token });
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    for (const socket of [visits, inbox]) {
      const { code, reason } = await socket.closed;
      expect(code).toBe(1012);
      const hint = JSON.parse(reason) as { reconnectAfterMs: number };
      expect(hint.reconnectAfterMs).toBeGreaterThanOrEqual(500);
      expect(hint.reconnectAfterMs).toBeLessThanOrEqual(2_500);
    }
  });
});
