import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema } from '@caretracker/database';
import { and, eq, isNull } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createVisitRow } from './helpers/care-factories';
import { createTeam, type TestUser } from './helpers/factories';
import { multipartBody, samples } from './helpers/files';
import { expectError } from './helpers/http';

const APP = 'http://localhost:3001';
const EVIL = 'https://evil.example';

describe('CSRF: cookie sessions change things only from the app origins, and only with JSON', () => {
  let t: TestApp;
  let root: string;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let cookie: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'caretracker-csrf-'));
    t = await startApp({ config: { FILE_STORAGE_PATH: root } });
    team = await createTeam(t.app);
    // Signed in the way the apps are: httpOnly cookies, no token in sight.
    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { origin: APP },
      payload: { email: team.worker.email, password: team.worker.password },
    });
    expect(login.statusCode, login.body).toBe(200);
    cookie = (login.headers['set-cookie'] as string[]).map((c) => c.split(';')[0]).join('; ');
  });
  afterAll(async () => {
    await t.close();
    await rm(root, { recursive: true, force: true });
  });

  const withCookie = (options: InjectOptions, headers: Record<string, string>) =>
    t.app.inject({ ...options, headers: { cookie, ...headers, ...options.headers } });
  const visitStatus = async (id: string) =>
    (await t.app.deps.db.select().from(schema.visits).where(eq(schema.visits.id, id)))[0]?.status;
  const unread = async (user: TestUser) =>
    (
      await t.app.deps.db
        .select()
        .from(schema.notifications)
        .where(and(eq(schema.notifications.userId, user.id), isNull(schema.notifications.readAt)))
    ).length;
  const filesOf = async (visitId: string) =>
    (await t.app.deps.db.select().from(schema.files).where(eq(schema.files.entityId, visitId))).length;
  let hours = 0;
  const scheduledVisit = () => {
    hours += 2;
    return createVisitRow(t.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(Date.now() + hours * 3_600_000),
    });
  };

  it('from another origin, text/plain confirm, read-all and a multipart upload are refused and change nothing', async () => {
    const visit = await scheduledVisit();
    await t.app.deps.db
      .insert(schema.notifications)
      .values({ userId: team.worker.id, category: 'MESSAGE', title: 'New message', body: 'x' });
    const form = multipartBody({ entityType: 'VISIT', entityId: visit.id, content: samples.pdf() });
    const attacks: InjectOptions[] = [
      { method: 'POST', url: `/visits/${visit.id}/confirm`, payload: '{}', headers: { 'content-type': 'text/plain' } },
      { method: 'POST', url: '/notifications/read-all', payload: '', headers: { 'content-type': 'text/plain' } },
      { method: 'POST', url: '/files/upload', payload: form.payload, headers: form.headers },
      { method: 'POST', url: `/visits/${visit.id}/confirm` },
    ];
    for (const attack of attacks) {
      const senders: Array<Record<string, string>> = [
        { origin: EVIL },
        { origin: 'null' },
        { 'sec-fetch-site': 'same-site' },
      ];
      for (const from of senders) {
        const body = expectError(await withCookie(attack, from), 403, 'FORBIDDEN');
        expect(body.message).toMatch(/^Cross-site request refused/);
      }
    }
    expect(await visitStatus(visit.id)).toBe('SCHEDULED');
    expect(await unread(team.worker)).toBe(1);
    expect(await filesOf(visit.id)).toBe(0);
  });

  it('from the app origin, JSON works, multipart works on the upload route, text/plain answers 415', async () => {
    const visit = await scheduledVisit();
    const app = { origin: APP, 'sec-fetch-site': 'same-site' };
    expectError(
      await withCookie(
        {
          method: 'POST',
          url: `/visits/${visit.id}/confirm`,
          payload: '{}',
          headers: { 'content-type': 'text/plain' },
        },
        app,
      ),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(await visitStatus(visit.id)).toBe('SCHEDULED');
    // What packages/ui/src/api-client.ts sends: JSON, `{}` when there is nothing to say.
    const confirmed = await withCookie({ method: 'POST', url: `/visits/${visit.id}/confirm`, payload: {} }, app);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await visitStatus(visit.id)).toBe('CONFIRMED');
    const readAll = await withCookie({ method: 'POST', url: '/notifications/read-all', payload: {} }, app);
    expect(readAll.statusCode, readAll.body).toBe(200);
    expect(await unread(team.worker)).toBe(0);
    const form = multipartBody({ entityType: 'VISIT', entityId: visit.id, content: samples.pdf() });
    const uploaded = await withCookie(
      { method: 'POST', url: '/files/upload', payload: form.payload, headers: form.headers },
      app,
    );
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(await filesOf(visit.id)).toBe(1);
    // DELETE from the api client: no body, no content type.
    const removed = await withCookie({ method: 'DELETE', url: `/files/${uploaded.json().data.id}` }, app);
    expect(removed.statusCode, removed.body).toBe(204);
  });

  it('multipart is refused outside the upload route, the other /files routes included', async () => {
    const visit = await scheduledVisit();
    const form = multipartBody({ entityType: 'VISIT', entityId: visit.id, content: samples.pdf() });
    for (const [method, url] of [
      ['POST', `/visits/${visit.id}/confirm`],
      ['DELETE', '/files/00000000-0000-4000-8000-000000000000'],
    ] as const) {
      expectError(
        await withCookie({ method, url, payload: form.payload, headers: form.headers }, { origin: APP }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    }
    expect(await visitStatus(visit.id)).toBe('SCHEDULED');
  });

  it('bearer requests are not affected, wherever they come from; reads never are', async () => {
    const visit = await scheduledVisit();
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/visits/${visit.id}/confirm`,
      headers: { ...team.worker.headers, origin: EVIL },
      payload: {},
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const read = await withCookie({ method: 'GET', url: `/visits/${visit.id}` }, { origin: EVIL });
    expect(read.statusCode, read.body).toBe(200);
  });

  it('nobody can be signed in from another origin either (login CSRF)', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { origin: EVIL },
      payload: { email: team.client.email, password: team.client.password },
    });
    expectError(login, 403, 'FORBIDDEN');
    expect(login.headers['set-cookie']).toBeUndefined();
  });
});

describe('CORS: the methods the API serves and the headers the apps send, for the app origins only', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine: 'pglite' });
  });
  afterAll(() => t.close());

  const preflight = (origin: string, method: string, headers = 'content-type,idempotency-key,x-request-id') =>
    t.app.inject({
      method: 'OPTIONS',
      url: '/visits/00000000-0000-4000-8000-000000000000',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
    });

  it('an app origin may PUT, PATCH and DELETE with its headers and cookies', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const response = await preflight(APP, method);
      expect(response.statusCode).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(APP);
      expect(response.headers['access-control-allow-credentials']).toBe('true');
      const methods = String(response.headers['access-control-allow-methods']).split(/,\s*/);
      expect(methods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']));
      const headers = String(response.headers['access-control-allow-headers']).split(/,\s*/);
      expect(headers).toEqual(expect.arrayContaining(['content-type', 'idempotency-key', 'x-request-id']));
    }
  });

  it('headers the apps do not send are not allowed (no echo of whatever is asked)', async () => {
    const response = await preflight(APP, 'PUT', 'content-type,x-evil');
    expect(String(response.headers['access-control-allow-headers'])).not.toContain('x-evil');
  });

  it('a foreign origin gets no CORS headers at all, for any method', async () => {
    for (const method of ['PUT', 'DELETE', 'POST']) {
      const response = await preflight(EVIL, method);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['access-control-allow-methods']).toBeUndefined();
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    }
    const simple = await t.app.inject({ method: 'GET', url: '/health/live', headers: { origin: EVIL } });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });
});
