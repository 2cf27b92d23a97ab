import { schema } from '@caretracker/database';
import type { NotificationMessage } from '@caretracker/shared/notification-words';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createUser, type TestUser } from './helpers/factories';
import { type ReceivedMail, startSmtpSink } from './helpers/smtp-sink';

const HOUR = 60 * 60_000;

describe('notification email: urgent at once, the rest in digests (real SMTP sink)', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startApp({ ownDatabase: true, config: { SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const mailsTo = (user: TestUser): ReceivedMail[] => sink.received.filter((mail) => mail.to.includes(user.email));
  const text = (mail: ReceivedMail) => mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const start = '2031-05-06T15:00:00.000Z';
  const client = 'Pat Doe';
  // Notifications by the English title they are stored and emailed with.
  const MESSAGES: Record<string, NotificationMessage> = {
    'Missed check-in': { key: 'visitMissed', params: { client, worker: 'Sam Lee', start } },
    'Visit rescheduled': { key: 'visitRescheduled', params: { client, start } },
    'Visit cancelled': { key: 'visitCancelled', params: { client, start, reason: 'In hospital' } },
    'Visit requested': { key: 'visitRequested', params: { client, start } },
    'Care plan review due': { key: 'carePlanReviewDue', params: { client, date: '2031-05-20' } },
    'Care plan review overdue': { key: 'carePlanReviewOverdue', params: { client, date: '2031-05-01' } },
    'New message': { key: 'messageNew', params: { sender: 'Sam Lee' } },
    'Emergency alert': {
      key: 'emergencyRaised',
      params: { client, raiser: 'Sam Lee', raisedBy: 'WORKER', at: start },
    },
  };
  const notify = (user: TestUser, title: string, options: { category?: string; urgent?: boolean } = {}) =>
    t.app.deps.notifier.notify({
      userIds: [user.id],
      category: options.category ?? 'VISIT_STATUS',
      message: MESSAGES[title]!,
      urgent: options.urgent,
    });
  const digest = (at: Date) => t.app.deps.jobs.find((job) => job.name === 'notification-digest')!.run(at);
  const rowsOf = (user: TestUser) =>
    t.app.deps.db.select().from(schema.notifications).where(eq(schema.notifications.userId, user.id));
  const setPrefs = (user: TestUser, preferences: object[]) =>
    t.app.inject({ method: 'PUT', url: '/notifications/preferences', headers: user.headers, payload: { preferences } });

  it('an urgent notification is emailed at once; non-urgent ones wait, then go out together in one digest', async () => {
    // Not a supervisor or admin: other files' emergency alerts reach every one of those.
    const user = await createUser(t.app, { role: 'CLIENT' });
    await notify(user, 'Missed check-in', { category: 'MISSED_VISIT', urgent: true });
    const urgent = await sink.waitFor(user.email);
    expect(text(urgent)).toContain('Subject: CareTracker: Missed check-in');
    for (const title of ['Visit rescheduled', 'Visit cancelled', 'Care plan review due']) await notify(user, title);

    // Within the digest window nothing more is sent.
    await digest(new Date(Date.now() + 60_000));
    expect(mailsTo(user)).toHaveLength(1);

    await digest(new Date(Date.now() + HOUR + 60_000));
    await waitForCount(user, 2);
    const mails = mailsTo(user);
    expect(mails).toHaveLength(2);
    const body = text(mails[1]!);
    expect(body).toContain('Subject: CareTracker: 3 new notifications');
    for (const title of ['Visit rescheduled', 'Visit cancelled', 'Care plan review due']) expect(body).toContain(title);
    expect(body).not.toContain('Missed check-in');
    expect((await rowsOf(user)).every((row) => row.emailedAt !== null)).toBe(true);

    // Claimed once: a second run sends nothing new.
    await digest(new Date(Date.now() + 2 * HOUR));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailsTo(user)).toHaveLength(2);
  });

  it('read notifications and those with email OFF are never emailed; email ON goes out one by one without waiting', async () => {
    const user = await createUser(t.app, { role: 'WORKER' });
    expect(
      (
        await setPrefs(user, [
          { category: 'MESSAGE', channel: 'EMAIL', setting: 'ON' },
          { category: 'CARE_PLAN_REVIEW', channel: 'EMAIL', setting: 'OFF' },
        ])
      ).statusCode,
    ).toBe(200);
    await notify(user, 'New message', { category: 'MESSAGE' });
    await notify(user, 'Care plan review overdue', { category: 'CARE_PLAN_REVIEW' });
    await notify(user, 'Visit requested');
    const seen = (await rowsOf(user)).find((row) => row.title === 'Visit requested')!;
    await t.app.inject({ method: 'POST', url: `/notifications/${seen.id}/read`, headers: user.headers });

    await digest(new Date(Date.now() + 60_000));
    const single = await sink.waitFor(user.email);
    expect(text(single)).toContain('Subject: CareTracker: New message');
    await digest(new Date(Date.now() + 3 * HOUR));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailsTo(user)).toHaveLength(1);
    const rows = await rowsOf(user);
    expect(rows.find((row) => row.title === 'Care plan review overdue')?.emailedAt).toBeNull();
    expect(rows.find((row) => row.title === 'Visit requested')?.emailedAt).toBeNull();
  });

  it('urgent email respects email OFF, except emergencies, which always go out', async () => {
    const user = await createUser(t.app, { role: 'WORKER' });
    await setPrefs(user, [{ category: 'MISSED_VISIT', channel: 'EMAIL', setting: 'OFF' }]);
    // Written directly: the API refuses to turn emergencies off, but the notifier must not depend on that.
    await t.app.deps.db
      .insert(schema.notificationPreferences)
      .values({ userId: user.id, category: 'EMERGENCY', channel: 'EMAIL', enabled: 'OFF' });
    await notify(user, 'Missed check-in', { category: 'MISSED_VISIT', urgent: true });
    await notify(user, 'Emergency alert', { category: 'EMERGENCY', urgent: true });
    const mail = await sink.waitFor(user.email);
    expect(text(mail)).toContain('Subject: CareTracker: Emergency alert');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailsTo(user)).toHaveLength(1);
  });

  async function waitForCount(user: TestUser, n: number) {
    const deadline = Date.now() + 10_000;
    while (mailsTo(user).length < n && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  }
});
