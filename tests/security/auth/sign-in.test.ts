import bcrypt from 'bcrypt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type SecurityApp, startSecurityApp } from '../support/app';
import { hasPostgres } from '../support/database';
import { recordAttack } from '../support/ledger';
import { login } from '../support/sign-in';
import { createPerson } from '../support/world';

/** The answer minus what differs on every call (time, request id). */
function comparable(response: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  const { timestamp: _t, requestId: _r, ...body } = JSON.parse(response.body) as Record<string, unknown>;
  return { status: response.statusCode, body, retryAfter: response.headers['retry-after'] ?? null };
}

/**
 * Password guessing and account enumeration at sign-in and password reset: a locked account stays
 * locked against the right password, and an existing account answers exactly like a missing one.
 */
describe.skipIf(!hasPostgres())('authentication attacks: sign-in', () => {
  let server: SecurityApp;

  beforeAll(async () => {
    server = await startSecurityApp();
  });
  afterAll(() => server?.close());
  afterEach(() => vi.restoreAllMocks());

  it('five wrong passwords lock the account, and the right password does not open it', async () => {
    const worker = await createPerson(server.app, 'WORKER');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push((await login(server.app, worker.email, `Wrong-Guess-${attempt}-xx`)).statusCode);
    }
    const right = await login(server.app, worker.email, worker.password);
    recordAttack('authentication', 'password guessing until lockout', statuses.at(-1) === 423);
    recordAttack('authentication', 'right password during lockout', right.statusCode === 423);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect(right.statusCode, right.body).toBe(423);
    expect(right.body).not.toContain('accessToken');
  });

  it('a wrong password for an existing account answers exactly like an unknown email, locking included', async () => {
    const client = await createPerson(server.app, 'CLIENT');
    const unknown = `nobody-${client.id.slice(0, 8)}@security.caretracker.dev`;
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const existing = await login(server.app, client.email, 'Wrong-Guess-Again-1');
      const missing = await login(server.app, unknown, 'Wrong-Guess-Again-1');
      const same = JSON.stringify(comparable(existing)) === JSON.stringify(comparable(missing));
      recordAttack('authentication', `login enumeration, attempt ${attempt + 1}`, same);
      expect(comparable(existing)).toEqual(comparable(missing));
    }
  });

  it('both sign-in paths do the same bcrypt work, so their timing cannot tell accounts apart', async () => {
    const client = await createPerson(server.app, 'CLIENT');
    const compare = vi.spyOn(bcrypt, 'compare');
    await login(server.app, client.email, 'Wrong-Guess-Cost-1');
    await login(server.app, `missing-${client.id.slice(0, 8)}@security.caretracker.dev`, 'Wrong-Guess-Cost-1');
    // One comparison each, against hashes of the same cost ($2b$<cost>$…).
    const costs = compare.mock.calls.map(([, hash]) => String(hash).slice(0, 7));
    recordAttack('authentication', 'login enumeration by timing', costs.length === 2 && costs[0] === costs[1]);
    expect(costs).toHaveLength(2);
    expect(costs[0]).toBe(costs[1]);
  });

  it('a reset request answers the same for an existing and a missing account', async () => {
    const worker = await createPerson(server.app, 'WORKER');
    const ask = (email: string) =>
      server.app.inject({ method: 'POST', url: '/auth/password/reset-request', payload: { email } });
    const existing = await ask(worker.email);
    const missing = await ask(`nobody-${worker.id.slice(0, 8)}@security.caretracker.dev`);
    const same = JSON.stringify(comparable(existing)) === JSON.stringify(comparable(missing));
    recordAttack('authentication', 'reset enumeration by answer', same);
    expect(existing.statusCode).toBe(202);
    expect(comparable(existing)).toEqual(comparable(missing));
  });
});
