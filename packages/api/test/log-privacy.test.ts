import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type DatabaseHandle, migrateDatabase, schema, seedDemo } from '@caretracker/database';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { dataEncryptionKey, testConfig } from '../src/config/config';
import { startJobRunner } from '../src/modules/jobs/runner';
import { hasPostgres, startApp, type TestApp } from './helpers/app';
import { createTeam } from './helpers/factories';
import { samples, upload } from './helpers/files';
import { waitUntil } from './helpers/queues';

const SUPERVISOR = 'supervisor@caretracker.dev';
const WORKER = 'worker@caretracker.dev';
const CLIENT = 'client@caretracker.dev';
const ADMIN = 'admin@caretracker.dev';
/** A message the database itself refuses (a constraint added below): a failed query holding PHI. */
const REFUSED = 'Pat Taylor fell in the bathroom; REFUSED-BY-PROBE';

interface LogLine {
  level: number;
  msg: string;
  req?: { url: string };
  err?: Record<string, unknown>;
}

/**
 * The demo agency is worked through every route family, as every role, with names, notes and
 * search terms in bodies and query strings, and with failing queries; the captured log (debug
 * level) may say which routes ran and which query failed with which code, never whose data.
 */
describe('the logs hold no PHI', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let root: string;
  const captured: string[] = [];
  const headers = new Map<string, { authorization: string }>();
  const lines = () => captured.map((line) => JSON.parse(line) as LogLine);

  beforeAll(async () => {
    database = createDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    await seedDemo(database.db, { dataEncryptionKey: dataEncryptionKey(testConfig()), bcryptRounds: 4 });
    await database.db.execute(
      sql`alter table messages add constraint log_privacy_probe check (position('REFUSED-BY-PROBE' in body) = 0)`,
    );
    root = await mkdtemp(join(tmpdir(), 'caretracker-logs-'));
    const config = testConfig({
      LOG_LEVEL: 'debug',
      FILE_STORAGE_PATH: root,
      RATE_LIMIT_MAX: '100000',
      RATE_LIMIT_AUTH_MAX: '10000',
    });
    app = await buildApp(config, { database, logStream: { write: (line: string) => captured.push(line) } });
    const people = await database.db.select().from(schema.users).where(isNull(schema.users.deletedAt));
    for (const person of people) {
      const session = await app.deps.sessions.open(database.db, { id: person.id });
      headers.set(person.email, { authorization: `Bearer ${session.accessToken}` });
    }
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await database.close();
    await rm(root, { recursive: true, force: true });
  });

  let requests = 0;
  const call = async (email: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    requests += 1;
    const response = await app.inject({ method, url, headers: email ? headers.get(email) : {}, payload });
    const json = String(response.headers['content-type']).startsWith('application/json');
    return { status: response.statusCode, body: json && response.statusCode < 300 ? response.json() : null };
  };

  /** What must never be written: every client's names, email, address and needs; visit notes; what we send. */
  async function phi() {
    const { users, profiles, visits } = schema;
    const clients = await database.db
      .select({ user: users, profile: profiles })
      .from(users)
      .innerJoin(profiles, eq(profiles.userId, users.id))
      .where(eq(users.role, 'CLIENT'));
    const notes = await database.db
      .selectDistinct({ notes: visits.notes })
      .from(visits)
      .where(isNotNull(visits.notes))
      .limit(200);
    const words = clients.flatMap(({ user }) => [user.firstName, user.lastName]);
    const texts = [
      ...clients.flatMap(({ user, profile }) => [
        `${user.firstName} ${user.lastName}`,
        user.email,
        profile.address?.line1 ?? '',
        profile.specialNeeds ?? '',
        profile.medicalRecordNumber ?? '',
      ]),
      ...notes.map((row) => row.notes ?? ''),
    ].filter((text) => text.length >= 6);
    return { words, texts };
  }

  it('a run across every route family, failures included, writes routes and codes but no one’s data', async () => {
    const [pat] = await database.db.select().from(schema.users).where(eq(schema.users.email, CLIENT));
    // George Hall is in the other supervisor's team: Sam opens his record by break-glass.
    const [george] = await database.db.select().from(schema.users).where(eq(schema.users.lastName, 'Hall'));
    const today = new Date().toISOString().slice(0, 10);
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const [visit] = await database.db
      .select()
      .from(schema.visits)
      .where(and(eq(schema.visits.clientId, pat!.id), eq(schema.visits.status, 'SCHEDULED')))
      .limit(1);
    const secretNote = 'Bruising on the left forearm, asked about the stairs';
    const sent = `Pat Taylor asked for the Tuesday visit to move ${crypto.randomUUID()}`;

    // Reads with names and search terms in the query string, as every role.
    for (const email of [ADMIN, SUPERVISOR, WORKER, CLIENT]) {
      for (const url of [
        '/auth/me',
        '/users?search=Taylor&limit=5',
        `/users/${pat!.id}`,
        `/careplans?clientId=${pat!.id}`,
        `/visits?clientId=${pat!.id}&limit=5`,
        `/visits/${visit!.id}`,
        `/visits/${visit!.id}/medications`,
        `/budgets?clientId=${pat!.id}`,
        `/reports/visits?from=${monthAgo}&to=${today}&clientId=${pat!.id}`,
        `/reports/timesheets?from=${monthAgo}&to=${today}&format=csv`,
        '/search?q=Taylor',
        '/search?q=Bruising%20forearm',
        '/search/suggest?q=Bennett',
        '/messages/search?q=Tuesday',
        '/conversations',
        '/notifications?unreadOnly=true',
        '/emergencies',
        `/files?entityType=CLIENT&entityId=${pat!.id}`,
        `/audit?entityId=${pat!.id}&action=PHI_READ`,
        '/admin/jobs/failed',
        '/no-such-route?name=Pat%20Taylor',
      ]) {
        await call(email, 'GET', url);
      }
    }
    // Writes carrying PHI in their bodies.
    const convo = await call(SUPERVISOR, 'POST', '/conversations', {
      clientId: pat!.id,
      subject: 'Pat Taylor: Tuesday visit',
      message: sent,
    });
    expect(convo.status).toBe(201);
    const conversationId = convo.body.data.id as string;
    expect((await call(WORKER, 'POST', `/conversations/${conversationId}/messages`, { body: sent })).status).toBe(201);
    await call(WORKER, 'GET', `/conversations/${conversationId}/messages`);
    const updated = await call(SUPERVISOR, 'PUT', `/visits/${visit!.id}`, { notes: secretNote });
    expect(updated.status).toBe(200);
    await call(WORKER, 'POST', '/emergencies', {
      visitId: visit!.id,
      message: `${secretNote}, Pat Taylor on the floor`,
    });
    const opened = await call(SUPERVISOR, 'POST', '/break-glass', {
      userId: george!.id,
      reason: `George Hall's daughter called: ${secretNote}`,
    });
    expect(opened.status).toBe(201);
    await call(SUPERVISOR, 'GET', `/users/${george!.id}`);
    await call(SUPERVISOR, 'PUT', `/users/${pat!.id}`, { profile: { specialNeeds: 'Hard of hearing, Pat Taylor' } });
    await call(null, 'POST', '/auth/password/reset-request', { email: 'ruth.bennett@clients.caretracker.dev' });
    await call(null, 'POST', '/auth/login', { email: CLIENT, password: 'not the password, Pat Taylor' });
    const file = await upload(
      app,
      { headers: headers.get(SUPERVISOR)! },
      {
        entityType: 'CLIENT',
        entityId: pat!.id,
        name: 'Pat Taylor discharge summary.pdf',
        description: `Discharge: ${secretNote}`,
        content: samples.pdf(),
      },
    );
    expect(file.statusCode, file.body).toBe(201);
    await call(SUPERVISOR, 'GET', `/files/${file.json().data.id}`);

    // Failing queries: the database refuses the row, and a NUL it cannot store (a 400 once refused at the edge).
    const refused = await call(WORKER, 'POST', `/conversations/${conversationId}/messages`, { body: REFUSED });
    expect(refused.status).toBe(500);
    const nul = await call(SUPERVISOR, 'PUT', `/visits/${visit!.id}`, { notes: `Pat Taylor\u0000${secretNote}` });
    expect([400, 500]).toContain(nul.status);

    const all = lines();
    // Each request logged as it came in and as it was answered.
    expect(all.filter((line) => line.msg === 'incoming request').length).toBeGreaterThan(requests);
    const routes = new Set(all.flatMap((line) => (line.req ? [line.req.url] : [])));
    for (const route of ['/search', '/users', '/users/:id', '/search/suggest', '/audit', '/no-such-route']) {
      expect(routes, route).toContain(route);
    }
    const failed = all.filter((line) => line.level >= 50 && line.err?.type === 'QueryFailed');
    expect(failed.map((line) => line.err)).toContainEqual(
      expect.objectContaining({
        code: '23514',
        condition: 'integrity_constraint_violation',
        constraint: 'log_privacy_probe',
        table: 'messages',
        query: expect.stringContaining('insert into "messages"'),
      }),
    );
    for (const line of failed) expect(Object.keys(line.err ?? {})).not.toContain('params');

    const text = captured.join('');
    const { words, texts } = await phi();
    expect(texts.length).toBeGreaterThan(40);
    const leaks = [
      ...[...texts, sent, secretNote, 'REFUSED-BY-PROBE', 'Bruising', 'Tuesday'].filter((t) => text.includes(t)),
      ...words.filter((word) => new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text)),
    ];
    expect(leaks).toEqual([]);
  }, 120_000);
});

describe.runIf(hasPostgres())('a failed query on PostgreSQL is logged by its SQL and code, without its values', () => {
  let t: TestApp;
  const captured: string[] = [];
  beforeAll(async () => {
    t = await startApp({
      ownDatabase: true,
      config: { LOG_LEVEL: 'info' },
      logStream: { write: (line: string) => captured.push(line) },
    });
    await t.app.deps.db.execute(
      sql`alter table messages add constraint log_privacy_probe check (position('REFUSED-BY-PROBE' in body) = 0)`,
    );
  });
  afterAll(() => t.close());

  it('keeps the code, the constraint and the statement; drops the parameters, detail and message', async () => {
    const { client, worker } = await createTeam(t.app);
    const opened = await t.app.inject({
      method: 'POST',
      url: '/conversations',
      headers: worker.headers,
      payload: { clientId: client.id, subject: 'Probe' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/conversations/${opened.json().data.id}/messages?about=${client.lastName}`,
      headers: worker.headers,
      payload: { body: `${client.firstName} ${client.lastName}: ${REFUSED}` },
    });
    expect(refused.statusCode).toBe(500);
    const failed = captured.map((line) => JSON.parse(line) as LogLine).filter((line) => line.level >= 50);
    expect(failed.map((line) => line.err)).toEqual([
      expect.objectContaining({
        type: 'QueryFailed',
        code: '23514',
        constraint: 'log_privacy_probe',
        table: 'messages',
        routine: 'ExecConstraints',
        query: expect.stringMatching(/^insert into "messages" .* values \(default, \$1, \$2, \$3/),
      }),
    ]);
    const text = captured.join('');
    for (const value of [client.firstName, client.lastName, 'REFUSED-BY-PROBE', 'Failing row']) {
      expect(text).not.toContain(value);
    }
  });

  it('a job that fails on a query records and logs the code, not the value the database quotes', async () => {
    const name = `Name${crypto.randomUUID().slice(0, 8)}`;
    let ran = 0;
    const runner = startJobRunner(
      [
        {
          name: 'log-privacy-probe',
          intervalMs: 50,
          run: async () => {
            ran += 1;
            // invalid input syntax for type integer: "Name…": the database's message quotes the input.
            await t.app.deps.db.execute(sql`select ${name}::int`);
          },
        },
      ],
      t.app.log,
    );
    await waitUntil(() => ran >= 1, 5_000, 'one failed run');
    runner.stop();
    await runner.drain();
    const [failure] = await runner.recentFailures();
    expect(failure?.error).toBe('database query failed (22P02)');
    const logged = captured.map((line) => JSON.parse(line) as LogLine).filter((line) => line.msg === 'job failed');
    expect(logged[0]?.err).toMatchObject({ type: 'QueryFailed', code: '22P02', query: 'select $1::int' });
    expect(captured.join('')).not.toContain(name);
  });
});
