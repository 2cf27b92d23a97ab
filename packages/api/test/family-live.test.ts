import { randomUUID } from 'node:crypto';
import { schema } from '@caretracker/database';
import type { RealtimeFrame } from '@caretracker/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgres, redisUrl } from './helpers/app';
import { allocateBudget, expenseBody, notificationsAbout } from './helpers/budgets';
import { createVisitRow, northOf } from './helpers/care-factories';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { connectLive, type ListeningApp, type LiveClient, listenApp } from './helpers/realtime';

const HOME = { lat: 45.5, lng: -122.6 };
const MINUTE = 60_000;

const visitEvent = (type: string, visitId: string) => (frame: RealtimeFrame) =>
  frame.type === type && 'data' in frame && 'visit' in frame.data && frame.data.visit.id === visitId;
const notificationOf = (category: string, entityId: string) => (frame: RealtimeFrame) =>
  'data' in frame &&
  'notification' in frame.data &&
  frame.data.notification.category === category &&
  frame.data.notification.entityId === entityId;

/**
 * PRODUCT.md "family": a family member acts for the client, so they hear what the client hears,
 * live and in their own inbox (by their own preferences), and nothing about anyone else.
 */
describe.runIf(hasPostgres() && redisUrl())('a family member hears what the client they act for hears', () => {
  let a: ListeningApp;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let other: Awaited<ReturnType<typeof createTeam>>;
  let admin: TestUser;
  let family: TestUser;
  let unlinked: TestUser;
  const sockets: LiveClient[] = [];
  const live = async (channel: 'visits' | 'notifications', user: TestUser) => {
    const client = await connectLive(`${a.wsBase}/ws/${channel}`, { token: user.token });
    sockets.push(client);
    return client;
  };
  const call = (user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    a.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  const notificationsOf = (userId: string, category: string, entityId: string) =>
    a.app.deps.db
      .select()
      .from(schema.notifications)
      .where(
        and(
          eq(schema.notifications.userId, userId),
          eq(schema.notifications.category, category),
          eq(schema.notifications.entityId, entityId),
        ),
      );
  const upcomingVisit = (clientId: string, workerId: string) =>
    createVisitRow(a.app, { clientId, workerId, start: new Date(Date.now() + 48 * 60 * MINUTE) });

  beforeAll(async () => {
    a = await listenApp({ redis: true, namespace: `test:family-live:${randomUUID()}` });
    team = await createTeam(a.app);
    other = await createTeam(a.app);
    admin = await createUser(a.app, { role: 'ADMIN' });
    family = await createUser(a.app, { role: 'CLIENT', firstName: 'Robin', lastName: 'Kinfolk' });
    unlinked = await createUser(a.app, { role: 'CLIENT', firstName: 'Sam', lastName: 'Stranger' });
    const linked = await call(admin, 'POST', `/users/${team.client.id}/family-members`, {
      userId: family.id,
      relationship: 'Daughter',
    });
    expect(linked.statusCode, linked.body).toBe(201);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await a?.close();
  });

  it('the check-in reaches the family member’s socket; an unlinked client-role user and another client hear nothing', async () => {
    const visit = await createVisitRow(a.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(Date.now() - 2 * MINUTE),
    });
    const familySocket = await live('visits', family);
    const unlinkedSocket = await live('visits', unlinked);
    const otherClientSocket = await live('visits', other.client);

    const checkIn = await call(team.worker, 'POST', `/visits/${visit.id}/checkin`, {
      ...northOf(HOME, 20),
      accuracyM: 10,
    });
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    const event = await familySocket.next(visitEvent('visit.checked_in', visit.id));
    expect(event).toMatchObject({ data: { visit: { id: visit.id, clientId: team.client.id, status: 'IN_PROGRESS' } } });

    // Another client's visit changes too: a known later event, so the silence below is not a race.
    const theirs = await createVisitRow(a.app, {
      clientId: other.client.id,
      workerId: other.worker.id,
      start: new Date(Date.now() - 2 * MINUTE),
    });
    const theirCheckIn = await call(other.worker, 'POST', `/visits/${theirs.id}/checkin`, {
      ...northOf(HOME, 20),
      accuracyM: 10,
    });
    expect(theirCheckIn.statusCode, theirCheckIn.body).toBe(200);
    await otherClientSocket.next(visitEvent('visit.checked_in', theirs.id));
    expect(otherClientSocket.events().some(visitEvent('visit.checked_in', visit.id))).toBe(false);
    expect(unlinkedSocket.events()).toEqual([]);
    expect(familySocket.events().some(visitEvent('visit.checked_in', theirs.id))).toBe(false);
  });

  it('a cancellation by the office is in the family member’s inbox and on their socket, not an outsider’s', async () => {
    const visit = await upcomingVisit(team.client.id, team.worker.id);
    const familySocket = await live('notifications', family);
    const unlinkedSocket = await live('notifications', unlinked);
    const cancelled = await call(team.supervisor, 'POST', `/visits/${visit.id}/cancel`, { reason: 'Worker is ill' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    await familySocket.next(notificationOf('VISIT_STATUS', visit.id));
    expect(await notificationsOf(team.client.id, 'VISIT_STATUS', visit.id)).toHaveLength(1);
    const [row] = await notificationsOf(family.id, 'VISIT_STATUS', visit.id);
    expect(row).toMatchObject({ title: 'Visit cancelled', messageKey: 'visitCancelled' });
    const inbox = await call(family, 'GET', '/notifications');
    expect(inbox.json().data.map((n: { id: string }) => n.id)).toContain(row?.id);
    expect(await notificationsOf(unlinked.id, 'VISIT_STATUS', visit.id)).toHaveLength(0);
    expect(unlinkedSocket.events()).toEqual([]);
  });

  it('a family member who cancels is not told of their own cancellation; the client is', async () => {
    const visit = await upcomingVisit(team.client.id, team.worker.id);
    const cancelled = await call(family, 'POST', `/visits/${visit.id}/cancel`, { reason: 'Dad is at the hospital' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await notificationsOf(team.client.id, 'VISIT_STATUS', visit.id)).toHaveLength(1);
    expect(await notificationsOf(family.id, 'VISIT_STATUS', visit.id)).toHaveLength(0);
  });

  it('the family member’s own preferences apply: with both channels off they get no row, the client still does', async () => {
    const quiet = await createUser(a.app, { role: 'CLIENT' });
    const linked = await call(admin, 'POST', `/users/${team.client.id}/family-members`, { userId: quiet.id });
    expect(linked.statusCode, linked.body).toBe(201);
    const saved = await call(quiet, 'PUT', '/notifications/preferences', {
      preferences: [
        { category: 'VISIT_STATUS', channel: 'IN_APP', setting: 'OFF' },
        { category: 'VISIT_STATUS', channel: 'EMAIL', setting: 'OFF' },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const visit = await upcomingVisit(team.client.id, team.worker.id);
    const cancelled = await call(team.supervisor, 'POST', `/visits/${visit.id}/cancel`, { reason: 'Rain' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await notificationsOf(quiet.id, 'VISIT_STATUS', visit.id)).toHaveLength(0);
    expect(await notificationsOf(family.id, 'VISIT_STATUS', visit.id)).toHaveLength(1);
    expect(await notificationsOf(team.client.id, 'VISIT_STATUS', visit.id)).toHaveLength(1);
  });

  it('an emergency the client raised: its acknowledgement reaches the family member, live and in their inbox', async () => {
    const raised = await call(team.client, 'POST', '/emergencies', { message: 'I fell in the kitchen' });
    expect(raised.statusCode, raised.body).toBe(201);
    const alertId: string = raised.json().data.id;
    const familySocket = await live('notifications', family);
    const unlinkedSocket = await live('notifications', unlinked);
    const acked = await call(team.supervisor, 'POST', `/emergencies/${alertId}/ack`, { note: 'On my way' });
    expect(acked.statusCode, acked.body).toBe(200);

    await familySocket.next(
      (frame) =>
        frame.type === 'emergency.alert' &&
        'data' in frame &&
        'alertId' in frame.data &&
        frame.data.alertId === alertId,
    );
    expect(await notificationsOf(family.id, 'EMERGENCY_UPDATE', alertId)).toHaveLength(1);
    expect(await notificationsOf(team.client.id, 'EMERGENCY_UPDATE', alertId)).toHaveLength(1);
    expect(await notificationsOf(unlinked.id, 'EMERGENCY_UPDATE', alertId)).toHaveLength(0);
    expect(unlinkedSocket.events()).toEqual([]);
  });

  it('a budget crossing its warning threshold is in the family member’s inbox and on their socket, not an outsider’s', async () => {
    const budget = await allocateBudget(a.app, admin, team.client.id, { totalCents: 10_000 });
    const familySocket = await live('notifications', family);
    const spent = await call(team.supervisor, 'POST', `/budgets/${budget.id}/expenses`, expenseBody(8_500));
    expect(spent.statusCode, spent.body).toBe(201);
    await familySocket.next((frame) => frame.type === 'budget.alert');
    // The allocation's and the whole budget's warning, each to the client and to the family member.
    const titles = async (userId: string) =>
      (await notificationsAbout(a.app, userId, budget.id)).map((n) => `${n.category} ${n.title}`).sort();
    expect(await titles(team.client.id)).toEqual([
      'BUDGET_ALERT Budget warning: personal care',
      'BUDGET_ALERT Budget warning: the whole budget',
    ]);
    expect(await titles(family.id)).toEqual(await titles(team.client.id));
    expect(await notificationsAbout(a.app, unlinked.id, budget.id)).toHaveLength(0);
  });

  it('once unlinked, the family member hears nothing more of the client', async () => {
    const formerFamily = await createUser(a.app, { role: 'CLIENT' });
    const linked = await call(admin, 'POST', `/users/${team.client.id}/family-members`, { userId: formerFamily.id });
    expect(linked.statusCode, linked.body).toBe(201);
    const unlinkedNow = await call(admin, 'DELETE', `/users/${team.client.id}/family-members/${formerFamily.id}`);
    expect(unlinkedNow.statusCode, unlinkedNow.body).toBe(200);
    const visit = await upcomingVisit(team.client.id, team.worker.id);
    const cancelled = await call(team.supervisor, 'POST', `/visits/${visit.id}/cancel`, { reason: 'Snow' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await notificationsOf(formerFamily.id, 'VISIT_STATUS', visit.id)).toHaveLength(0);
    expect(await notificationsOf(family.id, 'VISIT_STATUS', visit.id)).toHaveLength(1);
  });
});
