import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, testConfig } from '../src/config/config';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { type ReceivedMail, startSmtpSink } from './helpers/smtp-sink';

const MINUTE = 60_000;

describe('emergency alerts: email at once and escalation (real SMTP sink)', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let admin: TestUser;
  let otherSupervisor: TestUser;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startApp({ ownDatabase: true, config: { SMTP_URL: sink.url, EMERGENCY_ESCALATION_MINUTES: '3' } });
    team = await createTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    otherSupervisor = await createUser(t.app, { role: 'SUPERVISOR' });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const escalate = (now = new Date()) => t.app.deps.jobs.find((job) => job.name === 'emergency-escalation')!.run(now);
  const mailsTo = (user: TestUser, subject: string): ReceivedMail[] =>
    sink.received.filter((mail) => mail.to.includes(user.email) && mail.raw.includes(`Subject: ${subject}`));
  /** Each from a client of its own: presses by one client within minutes would join one alert. */
  const raise = async () => {
    const client = await createUser(t.app, { role: 'CLIENT', supervisorId: team.supervisor.id });
    const response = await t.app.inject({
      method: 'POST',
      url: '/emergencies',
      headers: client.headers,
      payload: { message: 'Chest pain' },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().data as { id: string };
  };
  /** Moves an alert's raising time back, as if it had waited that long. */
  const age = (id: string, minutes: number) =>
    t.app.deps.db
      .update(schema.emergencyAlerts)
      .set({ createdAt: new Date(Date.now() - minutes * MINUTE) })
      .where(eq(schema.emergencyAlerts.id, id));
  const alertRow = async (id: string) =>
    (await t.app.deps.db.select().from(schema.emergencyAlerts).where(eq(schema.emergencyAlerts.id, id)))[0]!;
  const timeline = async (id: string) =>
    (
      await t.app.deps.db.select().from(schema.emergencyAlertEvents).where(eq(schema.emergencyAlertEvents.alertId, id))
    ).map((event) => event.type);
  const escalationNotices = (id: string, userId: string) =>
    t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(
        and(
          eq(schema.notifications.entityId, id),
          eq(schema.notifications.userId, userId),
          eq(schema.notifications.title, 'Emergency alert not acknowledged'),
        ),
      );

  it('the supervisor and the admins are emailed the moment it is raised, whatever their preferences', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/notifications/preferences',
      headers: team.supervisor.headers,
      payload: { preferences: [{ category: 'EMERGENCY', channel: 'EMAIL', setting: 'ON' }] },
    });
    await t.app.deps.db
      .insert(schema.notificationPreferences)
      .values({ userId: admin.id, category: 'EMERGENCY', channel: 'IN_APP', enabled: 'OFF' });
    await raise();
    await sink.waitFor(team.supervisor.email);
    await sink.waitFor(admin.email);
    expect(mailsTo(team.supervisor, 'CareTracker: Emergency alert')).toHaveLength(1);
    expect(mailsTo(admin, 'CareTracker: Emergency alert')).toHaveLength(1);
    expect(mailsTo(otherSupervisor, 'CareTracker: Emergency alert')).toHaveLength(0);
    const inbox = await t.app.inject({ method: 'GET', url: '/notifications', headers: admin.headers });
    expect(inbox.json().data.some((n: { category: string }) => n.category === 'EMERGENCY')).toBe(true);
  });

  it('unacknowledged past EMERGENCY_ESCALATION_MINUTES it escalates to every supervisor and admin, once', async () => {
    const alert = await raise();
    const early = await raise();
    await age(alert.id, 4);
    await age(early.id, 2);
    // Two replicas running the job at the same moment escalate it once.
    await Promise.all([escalate(), escalate()]);
    expect((await alertRow(alert.id)).escalatedAt).not.toBeNull();
    expect((await alertRow(early.id)).escalatedAt).toBeNull();
    expect(await timeline(alert.id)).toEqual(['RAISED', 'NOTIFIED', 'ESCALATED']);
    expect(await escalationNotices(alert.id, otherSupervisor.id)).toHaveLength(1);
    expect(await escalationNotices(alert.id, admin.id)).toHaveLength(1);
    const deadline = Date.now() + 10_000;
    while (
      mailsTo(otherSupervisor, 'CareTracker: Emergency alert not acknowledged').length === 0 &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(mailsTo(otherSupervisor, 'CareTracker: Emergency alert not acknowledged')).toHaveLength(1);
    const [audited] = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, alert.id), eq(schema.auditLog.action, 'EMERGENCY_ESCALATED')));
    expect(audited?.actorId).toBeNull();

    // Once escalated, any supervisor may see and answer it.
    const read = await t.app.inject({
      method: 'GET',
      url: `/emergencies/${alert.id}`,
      headers: otherSupervisor.headers,
    });
    expect(read.statusCode, read.body).toBe(200);
    await escalate();
    expect(await timeline(alert.id)).toEqual(['RAISED', 'NOTIFIED', 'ESCALATED']);
    expect(await escalationNotices(alert.id, otherSupervisor.id)).toHaveLength(1);
    const ack = await t.app.inject({
      method: 'POST',
      url: `/emergencies/${alert.id}/ack`,
      headers: otherSupervisor.headers,
      payload: {},
    });
    expect(ack.json().data.status).toBe('ACKNOWLEDGED');
  });

  it('an acknowledged alert never escalates, however old', async () => {
    const alert = await raise();
    const acked = await t.app.inject({
      method: 'POST',
      url: `/emergencies/${alert.id}/ack`,
      headers: team.supervisor.headers,
      payload: {},
    });
    expect(acked.statusCode, acked.body).toBe(200);
    await age(alert.id, 30);
    await escalate();
    expect((await alertRow(alert.id)).escalatedAt).toBeNull();
    expect(await timeline(alert.id)).toEqual(['RAISED', 'NOTIFIED', 'ACKNOWLEDGED']);
    expect(await escalationNotices(alert.id, otherSupervisor.id)).toHaveLength(0);
    // Other supervisors still cannot see it.
    const read = await t.app.inject({
      method: 'GET',
      url: `/emergencies/${alert.id}`,
      headers: otherSupervisor.headers,
    });
    expect(read.statusCode).toBe(404);
  });

  it('EMERGENCY_ESCALATION_MINUTES defaults to 5 and is validated', () => {
    expect(testConfig().EMERGENCY_ESCALATION_MINUTES).toBe(5);
    expect(() => testConfig({ EMERGENCY_ESCALATION_MINUTES: '0' })).toThrow(ConfigError);
    expect(() => testConfig({ EMERGENCY_ESCALATION_MINUTES: 'soon' })).toThrow(/EMERGENCY_ESCALATION_MINUTES/);
  });
});
