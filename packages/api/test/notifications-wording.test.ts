import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createSchedulingTeam, insertVisit, slot } from './helpers/visits';

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

describe('notification texts: each reader gets the time in their own zone, the apps the key in their language', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ config: { AGENCY_TIMEZONE: 'America/Los_Angeles' } });
  });
  afterAll(() => t.close());

  it('a rescheduled visit tells the client (Madrid) and the worker (agency zone) its new time in their own zone', async () => {
    const team = await createSchedulingTeam(t.app);
    await t.app.deps.db
      .update(schema.profiles)
      .set({ timezone: 'Europe/Madrid', preferredLanguage: 'es' })
      .where(eq(schema.profiles.userId, team.client.id));
    await t.app.deps.db
      .update(schema.profiles)
      .set({ timezone: null, preferredLanguage: null })
      .where(eq(schema.profiles.userId, team.worker.id));
    const s = slot(12, 9);
    const visit = await insertVisit(t.app, {
      client: team.client,
      worker: team.worker,
      start: s.scheduledStart,
      end: s.scheduledEnd,
    });
    const start = new Date('2031-03-04T17:30:00Z');
    const moved = await t.app.inject({
      method: 'POST',
      url: `/visits/${visit.id}/reschedule`,
      headers: team.supervisor.headers,
      payload: {
        scheduledStart: start.toISOString(),
        scheduledEnd: new Date(start.getTime() + 3_600_000).toISOString(),
        reason: 'The client asked for the afternoon',
      },
    });
    expect(moved.statusCode, moved.body).toBe(201);

    const bodyFor = async (userId: string) => {
      const [row] = await t.app.deps.db
        .select()
        .from(schema.notifications)
        .where(and(eq(schema.notifications.userId, userId), eq(schema.notifications.title, 'Visit rescheduled')));
      return row?.body;
    };
    // 17:30 UTC is 18:30 in Madrid and 9:30 in Los Angeles that day. The stored text is the
    // English fallback (the app words the key in Spanish; email is worded in Spanish from the key).
    expect(await bodyFor(team.client.id)).toBe('New time: Tue, Mar 4, 6:30 PM');
    expect(await bodyFor(team.worker.id)).toBe('New time: Tue, Mar 4, 9:30 AM');
    for (const userId of [team.client.id, team.worker.id]) expect(await bodyFor(userId)).not.toMatch(ISO_INSTANT);
  });

  it('stores a message key with its values (an ISO instant and the reader’s zone) for the apps to word in each language', async () => {
    const team = await createSchedulingTeam(t.app);
    await t.app.deps.db
      .update(schema.profiles)
      .set({ timezone: 'America/New_York', preferredLanguage: 'es' })
      .where(eq(schema.profiles.userId, team.worker.id));
    const s = slot(13, 10);
    const visit = await insertVisit(t.app, {
      client: team.client,
      worker: team.worker,
      start: s.scheduledStart,
      end: s.scheduledEnd,
    });
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/visits/${visit.id}/cancel`,
      headers: team.supervisor.headers,
      payload: { reason: 'Client in hospital' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    const [row] = await t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.userId, team.worker.id), eq(schema.notifications.entityId, visit.id)));
    expect(row).toMatchObject({
      messageKey: 'visitCancelled',
      messageParams: {
        client: `${team.client.firstName} ${team.client.lastName}`,
        reason: 'Client in hospital',
        start: new Date(s.scheduledStart).toISOString(),
        timeZone: 'America/New_York',
      },
      // The stored text stays for apps that do not know the key: English, in the reader's zone, naming nobody.
      title: 'Visit cancelled',
    });
    expect(row?.body).toMatch(/^A visit on \w{3}, \w{3} \d{1,2}, [56]:00 AM was cancelled\.$/);

    // The worker's inbox hands the key and values to the app.
    const inbox = await t.app.inject({ method: 'GET', url: '/notifications', headers: team.worker.headers });
    expect(inbox.statusCode, inbox.body).toBe(200);
    const shown = (inbox.json() as { data: Array<{ entityId: string; messageKey: string; messageParams: unknown }> })
      .data;
    expect(shown.find((n) => n.entityId === visit.id)).toMatchObject({
      messageKey: 'visitCancelled',
      messageParams: { reason: 'Client in hospital', timeZone: 'America/New_York' },
    });
  });
});
