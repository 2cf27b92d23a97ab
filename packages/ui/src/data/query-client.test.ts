import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
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
