import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, TEST_PASSWORD } from './helpers/factories';
import { samples, upload } from './helpers/files';

/** Answers holding PHI must never be kept by a browser, proxy or CDN cache. */
describe('Cache-Control on every answer', () => {
  let t: TestApp;
  let root: string;
  let team: Awaited<ReturnType<typeof createTeam>>;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'caretracker-cache-'));
    t = await startApp({ config: { FILE_STORAGE_PATH: root } });
    team = await createTeam(t.app);
  });
  afterAll(async () => {
    await t.close();
    await rm(root, { recursive: true, force: true });
  });

  it('authenticated answers are private, no-store: records, lists, errors and file downloads', async () => {
    const as = (url: string) => t.app.inject({ method: 'GET', url, headers: team.supervisor.headers });
    const file = await upload(t.app, team.supervisor, {
      entityType: 'CLIENT',
      entityId: team.client.id,
      name: 'letter.pdf',
      content: samples.pdf(),
    });
    expect(file.statusCode, file.body).toBe(201);
    expect(file.headers['cache-control']).toBe('private, no-store');
    const answers = {
      me: await as('/auth/me'),
      client: await as(`/users/${team.client.id}`),
      list: await as('/users?limit=5'),
      download: await as(`/files/${file.json().data.id}`),
      notFound: await as(`/visits/${crypto.randomUUID()}`),
      unknownRoute: await as('/no-such-route'),
    };
    expect(answers.client.statusCode).toBe(200);
    expect(answers.download.statusCode).toBe(200);
    expect(answers.notFound.statusCode).toBe(404);
    for (const [name, response] of Object.entries(answers)) {
      expect(response.headers['cache-control'], name).toBe('private, no-store');
    }
  });

  it('signing in (cookies set) and a rejected token are private too', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: team.worker.email, password: TEST_PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.headers['set-cookie']).toBeDefined();
    expect(login.headers['cache-control']).toBe('private, no-store');
    const forged = await t.app.inject({ method: 'GET', url: '/users', headers: { authorization: 'Bearer forged' } });
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['cache-control']).toBe('private, no-store');
  });

  it('public answers are no-store without private: health, and a request without credentials', async () => {
    for (const url of ['/health', '/health/live', '/health/ready', '/users']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });
});
