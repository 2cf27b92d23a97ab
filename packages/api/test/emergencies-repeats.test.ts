import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, testConfig } from '../src/config/config';
import { engines, startApp, type TestApp } from './helpers/app';
import { createVisitRow } from './helpers/care-factories';
import { createTeam, type TestUser } from './helpers/factories';

const MINUTE = 60_000;

describe.each(engines())('repeated emergency presses join the open alert on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine });
  });
  afterAll(() => t.close());

  const press = (user: TestUser, payload: object) =>
    t.app.inject({ method: 'POST', url: '/emergencies', headers: user.headers, payload });
  const alertsOf = (clientId: string) =>
    t.app.deps.db.select().from(schema.emergencyAlerts).where(eq(schema.emergencyAlerts.clientId, clientId));
  const timeline = async (alertId: string) =>
    (
      await t.app.deps.db
        .select()
        .from(schema.emergencyAlertEvents)
        .where(eq(schema.emergencyAlertEvents.alertId, alertId))
    ).map((event) => event.type);
  const emailsTo = async (user: TestUser) =>
    (await t.app.deps.db.select().from(schema.emailOutbox).where(eq(schema.emailOutbox.toAddress, user.email))).filter(
      (mail) => mail.subject === 'CareTracker: Emergency alert',
    );

  it('five parallel presses by one client: one alert, one round of urgent emails, the rest on its timeline', async () => {
    const team = await createTeam(t.app);
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => press(team.client, { message: `Help ${i}` })),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(answers.map((answer) => answer.json().data.id));
    expect(ids.size).toBe(1);
    const alerts = await alertsOf(team.client.id);
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect((await timeline(alert.id)).sort()).toEqual([
      'NOTIFIED',
      'RAISED',
      'REPEATED',
      'REPEATED',
      'REPEATED',
      'REPEATED',
    ]);
    // Every press's message is kept on the timeline.
    const detail = await t.app.inject({
      method: 'GET',
      url: `/emergencies/${alert.id}`,
      headers: team.supervisor.headers,
    });
    const notes = detail.json().data.timeline.map((event: { note: string | null }) => event.note);
    for (let i = 0; i < 5; i++) expect(notes).toContain(`Help ${i}`);
    // The supervisor was told once: one notification, one email.
    const told = await t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.entityId, alert.id), eq(schema.notifications.userId, team.supervisor.id)));
    expect(told).toHaveLength(1);
    expect(await emailsTo(team.supervisor)).toHaveLength(1);
    const repeats = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, alert.id), eq(schema.auditLog.action, 'EMERGENCY_REPEATED')));
    expect(repeats).toHaveLength(4);
  });

  it('the worker and the client pressing for the same visit at once also make one alert', async () => {
    const team = await createTeam(t.app);
    const visit = await createVisitRow(t.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(),
      status: 'IN_PROGRESS',
    });
    const answers = await Promise.all([
      press(team.worker, { visitId: visit.id }),
      press(team.client, { visitId: visit.id }),
      press(team.worker, { visitId: visit.id, message: 'Not breathing' }),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 200, 201]);
    expect(await alertsOf(team.client.id)).toHaveLength(1);
    expect(await emailsTo(team.supervisor)).toHaveLength(1);
  });

  it('another visit, a resolved alert or one older than the window gets a new alert and a new round of emails', async () => {
    const team = await createTeam(t.app);
    const first = await press(team.client, {});
    expect(first.statusCode).toBe(201);
    const visit = await createVisitRow(t.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(),
    });
    expect((await press(team.client, { visitId: visit.id })).statusCode).toBe(201);

    await t.app.deps.db
      .update(schema.emergencyAlerts)
      .set({ createdAt: new Date(Date.now() - 11 * MINUTE) })
      .where(eq(schema.emergencyAlerts.id, first.json().data.id));
    const afterWindow = await press(team.client, {});
    expect(afterWindow.statusCode).toBe(201);

    const resolved = await t.app.inject({
      method: 'POST',
      url: `/emergencies/${afterWindow.json().data.id}/resolve`,
      headers: team.supervisor.headers,
      payload: { note: 'Handled' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await press(team.client, {})).statusCode).toBe(201);
    expect(await alertsOf(team.client.id)).toHaveLength(4);
    expect(await emailsTo(team.supervisor)).toHaveLength(4);
  });
});

describe('EMERGENCY_REPEAT_WINDOW_MINUTES', () => {
  it('defaults to 10 and is validated', () => {
    expect(testConfig().EMERGENCY_REPEAT_WINDOW_MINUTES).toBe(10);
    expect(testConfig({ EMERGENCY_REPEAT_WINDOW_MINUTES: '2' }).EMERGENCY_REPEAT_WINDOW_MINUTES).toBe(2);
    expect(() => testConfig({ EMERGENCY_REPEAT_WINDOW_MINUTES: '0' })).toThrow(ConfigError);
  });
});
