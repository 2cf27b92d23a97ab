import { schema } from '@caretracker/database';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The apps' own client (packages/ui), unchanged: it must keep working behind the CSRF and CORS rules.
import { ApiError, createApiClient } from '../../ui/src/data/api-client';
import { createVisitRow } from './helpers/care-factories';
import { createTeam } from './helpers/factories';
import { type ListeningApp, listenApp } from './helpers/realtime';

/**
 * `fetch` as a browser page on `origin` runs it: the Origin header on every request and a cookie
 * jar for the httpOnly session cookies. The requests themselves are what the client builds.
 */
const nodeFetch = globalThis.fetch;

function browserFetch(origin: string): typeof fetch {
  const jar = new Map<string, string>();
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('origin', origin);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await nodeFetch(input, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
}

describe('the apps’ API client against the real API, from an app origin and from another', () => {
  let api: ListeningApp;
  let base: string;
  beforeAll(async () => {
    api = await listenApp({ redis: false });
    base = api.wsBase.replace('ws:', 'http:');
  });
  afterAll(() => api.close());

  const withFetch = async <T>(origin: string, run: (client: ReturnType<typeof createApiClient>) => Promise<T>) => {
    const original = globalThis.fetch;
    globalThis.fetch = browserFetch(origin);
    try {
      return await run(createApiClient(base));
    } finally {
      globalThis.fetch = original;
    }
  };

  it('from http://localhost:3001: login, POST with {}, PUT, GET and logout all work on cookies', async () => {
    const team = await createTeam(api.app);
    const visit = await createVisitRow(api.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(),
    });
    await withFetch('http://localhost:3001', async (client) => {
      const login = await client.login(team.worker.email, team.worker.password);
      expect(login.status).toBe('authenticated');
      expect((await client.me()).id).toBe(team.worker.id);
      const confirmed = await client.request<{ status: string }>('POST', `/visits/${visit.id}/confirm`);
      expect(confirmed.status).toBe('CONFIRMED');
      await client.request('POST', '/notifications/read-all');
      await client.request('PUT', '/notifications/preferences', {
        preferences: [{ category: 'MESSAGE', channel: 'EMAIL', setting: 'OFF' }],
      });
      await client.logout();
    });
  });

  it('from https://evil.example the same calls are refused and nothing changes', async () => {
    const team = await createTeam(api.app);
    const visit = await createVisitRow(api.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(),
    });
    await withFetch('https://evil.example', async (client) => {
      const refused = await client.login(team.worker.email, team.worker.password).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ApiError);
      expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    });
    const [row] = await api.app.deps.db.select().from(schema.visits).where(eq(schema.visits.id, visit.id));
    expect(row?.status).toBe('SCHEDULED');
  });
});
