import { readFileSync } from 'node:fs';
import path from 'node:path';
import { schema } from '@caretracker/database';
import {
  NOTIFICATION_LANGUAGES,
  NOTIFICATION_TERM_PARAMS,
  type NotificationKey,
  type NotificationParamsByKey,
  notificationTerms,
  wordNotification,
} from '@caretracker/shared/notification-words';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createVisitRow, northOf } from './helpers/care-factories';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { type ReceivedMail, startSmtpSink } from './helpers/smtp-sink';

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\d{4}-\d{2}-\d{2}\b|UTC/;
const CLIENT = 'Rosa Quintero';
const START = '2031-03-04T17:30:00.000Z';

/** One notification of every kind. Typed by key: a kind added without a case here fails to compile. */
const EVERY_KIND: { [K in NotificationKey]: NotificationParamsByKey[K] } = {
  visitCancelled: { client: CLIENT, start: START, reason: 'In hospital' },
  visitRescheduled: { client: CLIENT, start: START },
  visitRequested: { client: CLIENT, start: START },
  visitChangeRequested: {
    client: CLIENT,
    start: START,
    preferredStart: '2031-03-05T09:00:00.000Z',
    preferredEnd: '2031-03-05T10:00:00.000Z',
    note: 'My daughter visits that morning',
  },
  visitMissed: { client: CLIENT, worker: 'Sam Lee', start: START },
  visitFollowUp: { client: CLIENT, worker: 'Sam Lee' },
  vitalsOutOfRange: { client: CLIENT, worker: 'Sam Lee', vitals: 'systolic,pulse' },
  evvException: { client: CLIENT, start: START, problems: 'LATE_CHECKIN,CHECKIN_OUTSIDE_GEOFENCE' },
  doseNotGiven: { client: CLIENT, medication: 'Metformin', outcome: 'REFUSED' },
  messageNew: { sender: 'Sam Lee' },
  emergencyRaised: { client: CLIENT, raiser: 'Sam Lee', raisedBy: 'WORKER', at: START },
  emergencyAcknowledged: { client: CLIENT, responder: 'Ana Ruiz' },
  emergencyResolved: { client: CLIENT, responder: 'Ana Ruiz' },
  emergencyEscalated: { client: CLIENT, at: START, minutes: 5 },
  budgetWarning: {
    client: CLIENT,
    area: 'TRANSPORTATION',
    pct: 82,
    threshold: 80,
    periodStart: '2031-03-01',
    periodEnd: '2031-03-31',
  },
  budgetCritical: {
    client: CLIENT,
    area: 'TOTAL',
    pct: 96,
    threshold: 95,
    periodStart: '2031-03-01',
    periodEnd: '2031-03-31',
  },
  carePlanReviewDue: { client: CLIENT, date: '2031-03-14' },
  carePlanReviewOverdue: { client: CLIENT, date: '2031-03-01' },
  fileIntegrityFailed: { file: 'Rosa MRI.pdf' },
  auditChainBroken: { count: 2, seq: 41 },
};
const KINDS = Object.keys(EVERY_KIND) as NotificationKey[];

type Tree = { [key: string]: string | Tree };
const root = path.resolve(import.meta.dirname, '../../..');
const appWords = (language: string): Tree =>
  JSON.parse(readFileSync(path.join(root, 'packages/ui/src/i18n/messages', `${language}.json`), 'utf8'))
    .notificationMessages;

describe('every notification key has English and Spanish words, in the apps and for email', () => {
  it.each(NOTIFICATION_LANGUAGES)('%s: every key and every code it may carry', (language) => {
    const app = appWords(language);
    for (const key of KINDS) {
      const words = app[key] as Tree | undefined;
      expect(typeof words?.title, `${language} app title of ${key}`).toBe('string');
      expect(typeof words?.body, `${language} app body of ${key}`).toBe('string');
      const server = wordNotification(key, EVERY_KIND[key], { language, timeZone: 'Europe/Madrid' });
      expect(server, key).not.toBeNull();
      // Every placeholder filled, every code worded.
      for (const text of [server!.title, server!.body]) {
        expect(text, key).not.toMatch(/[{}]|[A-Z]{3,}_[A-Z_]+/);
        expect(text, key).not.toMatch(ISO_INSTANT);
      }
    }
    const terms = app.terms as Record<string, Record<string, string>>;
    for (const [param, codes] of Object.entries(notificationTerms(language))) {
      expect(NOTIFICATION_TERM_PARAMS.has(param)).toBe(true);
      // raisedBy picks the app's sentence (an ICU select); the others are worded from the terms.
      if (param === 'raisedBy') continue;
      expect(Object.keys(terms[param] ?? {}).sort(), `${language} terms.${param}`).toEqual(Object.keys(codes).sort());
    }
  });

  it('the apps know no key the API cannot send', () => {
    const { terms: _terms, ...keys } = appWords('en');
    expect(Object.keys(keys).sort()).toEqual([...KINDS].sort());
  });
});

describe('stored notifications and their email, kind by kind', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let spanish: TestUser;
  let english: TestUser;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startApp({ ownDatabase: true, config: { SMTP_URL: sink.url, AGENCY_TIMEZONE: 'America/Los_Angeles' } });
    spanish = await createUser(t.app, { role: 'WORKER' });
    english = await createUser(t.app, { role: 'WORKER' });
    await t.app.deps.db
      .update(schema.profiles)
      .set({ timezone: 'Europe/Madrid', preferredLanguage: 'es' })
      .where(eq(schema.profiles.userId, spanish.id));
    await t.app.deps.db
      .update(schema.profiles)
      .set({ timezone: null, preferredLanguage: null })
      .where(eq(schema.profiles.userId, english.id));
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });
  /** The mail as read: quoted-printable undone, UTF-8 decoded. */
  const decoded = (mail: ReceivedMail) => {
    const soft = mail.raw.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      const hex = /^=([0-9A-F]{2})/.exec(soft.slice(i, i + 3));
      if (hex) {
        bytes.push(Number.parseInt(hex[1]!, 16));
        i += 2;
      } else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
    }
    return Buffer.from(bytes).toString('utf8');
  };

  it.each(KINDS)(
    '%s: key and values (the client named), English text in the reader’s zone, Spanish email for a Spanish reader',
    async (key) => {
      const entityId = crypto.randomUUID();
      await t.app.deps.notifier.notify({
        userIds: [spanish.id, english.id],
        category: 'EMERGENCY', // always emailed at once, whatever the preferences
        message: { key, params: EVERY_KIND[key] } as never,
        entityType: 'test',
        entityId,
        urgent: true,
      });
      const rows = await t.app.deps.db
        .select()
        .from(schema.notifications)
        .where(eq(schema.notifications.entityId, entityId));
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        const zone = row.userId === spanish.id ? 'Europe/Madrid' : 'America/Los_Angeles';
        expect(row.messageKey).toBe(key);
        expect(row.messageParams).toEqual({ ...EVERY_KIND[key], timeZone: zone });
        if ('client' in EVERY_KIND[key]) expect(row.messageParams?.client).toBe(CLIENT);
        // The stored text is the English fallback, in the reader's zone, naming nobody (it is emailed).
        expect(row.title).toBe(wordNotification(key, EVERY_KIND[key], { language: 'en', timeZone: zone })!.title);
        expect(row.body).toBe(wordNotification(key, EVERY_KIND[key], { language: 'en', timeZone: zone })!.body);
        for (const field of [row.title, row.body]) {
          expect(field).not.toMatch(ISO_INSTANT);
          expect(field).not.toContain('Rosa');
          expect(field).not.toContain('Sam Lee');
        }
      }
      const spanishWords = wordNotification(key, EVERY_KIND[key], { language: 'es', timeZone: 'Europe/Madrid' })!;
      const englishWords = wordNotification(key, EVERY_KIND[key], { language: 'en', timeZone: 'Europe/Madrid' })!;
      expect(spanishWords.body).not.toBe(englishWords.body);
      const toSpanish = decoded(await waitForMail(spanish, key));
      expect(toSpanish).toContain(spanishWords.body.slice(0, 20));
      expect(toSpanish).toContain('Abra CareTracker para ver los detalles.');
      expect(toSpanish).not.toContain('Open CareTracker for details.');
      expect(toSpanish).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      const toEnglish = decoded(await waitForMail(english, key));
      expect(toEnglish).toContain('Open CareTracker for details.');
    },
  );

  const seen = new Map<string, number>();
  /** The next mail to the user (each kind sends each user exactly one). */
  async function waitForMail(user: TestUser, key: string): Promise<ReceivedMail> {
    const index = seen.get(user.email) ?? 0;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const mails = sink.received.filter((mail) => mail.to.includes(user.email));
      if (mails[index]) {
        seen.set(user.email, index + 1);
        return mails[index]!;
      }
      if (Date.now() > deadline) throw new Error(`no mail ${index + 1} to ${user.email} for ${key}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('a digest is in the reader’s language, each line at its time in their zone (no UTC)', async () => {
    const reader = await createUser(t.app, { role: 'CLIENT' });
    await t.app.deps.db
      .update(schema.profiles)
      .set({ timezone: 'Europe/Madrid', preferredLanguage: 'es' })
      .where(eq(schema.profiles.userId, reader.id));
    for (const key of ['visitRescheduled', 'carePlanReviewDue'] as const)
      await t.app.deps.notifier.notify({
        userIds: [reader.id],
        category: 'VISIT_STATUS',
        message: { key, params: EVERY_KIND[key] } as never,
      });
    await t.app.deps.jobs.find((job) => job.name === 'notification-digest')!.run(new Date(Date.now() + 2 * 3_600_000));
    const mail = decoded(await waitForMail(reader, 'digest'));
    expect(mail).toContain('Desde su último resumen:');
    expect(mail).toContain('Nueva hora: mar, 4 mar, 18:30');
    expect(mail).toContain('14 mar 2031');
    expect(mail).not.toMatch(/UTC|\d{4}-\d{2}-\d{2}/);
  });
});

describe('call sites name the client and speak in the reader’s zone (real flows)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ config: { AGENCY_TIMEZONE: 'America/Los_Angeles' } });
  });
  afterAll(() => t?.close());

  const nameOf = (user: TestUser) => `${user.firstName} ${user.lastName}`;
  const aboutFor = (userId: string, entityId: string) =>
    t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.userId, userId), eq(schema.notifications.entityId, entityId)));
  const expectWorded = (row: typeof schema.notifications.$inferSelect | undefined, key: string, client: TestUser) => {
    expect(row?.messageKey).toBe(key);
    expect(row?.messageParams?.client).toBe(nameOf(client));
    expect(row?.title).not.toMatch(ISO_INSTANT);
    expect(row?.body).not.toMatch(ISO_INSTANT);
    expect(row?.body).not.toContain(client.lastName);
  };

  it('a check-in away from home: the supervisor’s EVV exception names the client and the problem in words', async () => {
    const team = await createTeam(t.app);
    const visit = await createVisitRow(t.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(Date.now() - 2 * 60_000),
    });
    const response = await t.app.inject({
      method: 'POST',
      url: `/visits/${visit.id}/checkin`,
      headers: team.worker.headers,
      payload: { ...northOf({ lat: 45.5, lng: -122.6 }, 400), accuracyM: 20 },
    });
    expect(response.statusCode, response.body).toBe(200);
    const [row] = await aboutFor(team.supervisor.id, visit.id);
    expectWorded(row, 'evvException', team.client);
    expect(row?.messageParams).toMatchObject({ problems: 'CHECKIN_OUTSIDE_GEOFENCE' });
    expect(row?.title).toBe('EVV exception: check-in away from the client’s home');
  });

  it('an emergency from a visit names the client and the worker who raised it', async () => {
    const team = await createTeam(t.app);
    const visit = await createVisitRow(t.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(),
      status: 'IN_PROGRESS',
    });
    const raised = await t.app.inject({
      method: 'POST',
      url: '/emergencies',
      headers: team.worker.headers,
      payload: { visitId: visit.id, message: 'Client fell' },
    });
    expect(raised.statusCode, raised.body).toBe(201);
    const alertId = raised.json().data.id as string;
    const [row] = await aboutFor(team.supervisor.id, alertId);
    expectWorded(row, 'emergencyRaised', team.client);
    expect(row?.messageParams).toMatchObject({ raiser: nameOf(team.worker), raisedBy: 'WORKER' });
    expect(row?.body).not.toContain('Client fell');
  });

  it('a new message names its sender in the app, not in the stored text', async () => {
    const team = await createTeam(t.app);
    const convo = await t.app.inject({
      method: 'POST',
      url: '/conversations',
      headers: team.supervisor.headers,
      payload: { clientId: team.client.id, subject: 'Saturday', message: 'About the weekend' },
    });
    expect(convo.statusCode, convo.body).toBe(201);
    const id = convo.json().data.id as string;
    const posted = await t.app.inject({
      method: 'POST',
      url: `/conversations/${id}/messages`,
      headers: team.supervisor.headers,
      payload: { body: 'Can you take Saturday?' },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const [row] = (await aboutFor(team.client.id, id)).slice(-1);
    expect(row).toMatchObject({
      messageKey: 'messageNew',
      messageParams: { sender: nameOf(team.supervisor) },
      title: 'New message',
    });
  });
});
