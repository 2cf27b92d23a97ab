import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SAVED_AT_HEADER } from '../offline/saved-at';
import { ApiError, createApiClient } from './api-client';
import { createQueryClient, retryDelay, shouldRetry } from './query-client';

const answer = (status: number, retryAfterSeconds?: number, sessionEnded = false) =>
  new ApiError(status, `HTTP_${status}`, 'x', undefined, retryAfterSeconds, sessionEnded);

describe('retries', () => {
  it('retry the network, 5xx and 429 (up to three times), never another 4xx', () => {
    for (const status of [0, 500, 503, 429]) expect(shouldRetry(0, answer(status)), String(status)).toBe(true);
    expect(shouldRetry(3, answer(503))).toBe(false);
    for (const status of [400, 401, 403, 404, 409, 422]) expect(shouldRetry(0, answer(status)), String(status)).toBe(false);
  });

  it("wait as long as a 429's Retry-After asks (at most a minute), else back off 1 s, 2 s, 4 s", () => {
    expect(retryDelay(0, answer(429, 7))).toBe(7000);
    expect(retryDelay(0, answer(429, 600))).toBe(60_000);
    expect([0, 1, 2].map((n) => retryDelay(n, answer(503)))).toEqual([1000, 2000, 4000]);
  });

  it('send a lost session to sign-in once, however many queries fail with it', async () => {
    let calls = 0;
    const client = createQueryClient({ onUnauthorized: () => (calls += 1) });
    const lost = () => Promise.reject(answer(401, undefined, true));
    await Promise.all(['a', 'b', 'c'].map((key) => client.fetchQuery({ queryKey: [key], queryFn: lost }).catch(() => {})));
    expect(calls).toBe(1);
    // A 401 that is a call's own answer (a wrong code after a good refresh) is not a lost session.
    await client.fetchQuery({ queryKey: ['d'], queryFn: () => Promise.reject(answer(401)) }).catch(() => {});
    expect(calls).toBe(1);
  });
});

describe("a saved copy's age", () => {
  // A real HTTP answer, as the worker app's service worker gives from its copy (the header) or not.
  async function serve(headers: Record<string, string>) {
    const server = createServer((_request, response) => {
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ data: { visits: [] } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { api: createApiClient(`http://127.0.0.1:${port}`), close: () => server.close() };
  }

  it('dates data from a saved copy by when the copy was saved, and fresh data by its fetch', async () => {
    const savedAt = Date.now() - 3 * 3600_000;
    const copy = await serve({ [SAVED_AT_HEADER]: String(savedAt) });
    const network = await serve({});
    try {
      const client = createQueryClient();
      await client.fetchQuery({ queryKey: ['copy'], queryFn: () => copy.api.get('/visits') });
      expect(client.getQueryState(['copy'])?.dataUpdatedAt).toBe(savedAt);
      expect(client.getQueryData(['copy'])).toEqual({ visits: [] });

      const before = Date.now();
      await client.fetchQuery({ queryKey: ['network'], queryFn: () => network.api.get('/visits') });
      expect(client.getQueryState(['network'])?.dataUpdatedAt).toBeGreaterThanOrEqual(before);
    } finally {
      copy.close();
      network.close();
    }
  });
});
