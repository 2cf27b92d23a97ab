import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecurityApp, startSecurityApp } from '../support/app';
import { hasPostgres } from '../support/database';
import { recordAttack } from '../support/ledger';
import { createPerson } from '../support/world';

/** Ways around the sign-in budgets: invented client addresses, and the same account spelled differently. */
describe.skipIf(!hasPostgres())('authentication attacks: sign-in budgets', () => {
  let server: SecurityApp;

  beforeAll(async () => {
    // The production default: 5 sign-in attempts a minute per client address.
    server = await startSecurityApp({ RATE_LIMIT_AUTH_MAX: '5' });
  });
  afterAll(() => server?.close());

  it('a client inventing X-Forwarded-For addresses gets no new sign-in budget', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/auth/login',
        remoteAddress: '198.51.100.7',
        headers: { 'x-forwarded-for': `203.0.113.${attempt + 1}`, 'x-real-ip': `203.0.113.${attempt + 1}` },
        payload: { email: `nobody-${attempt}@security.caretracker.dev`, password: 'Wrong-Guess-Budget-1' },
      });
      statuses.push(response.statusCode);
    }
    recordAttack(
      'authentication',
      'X-Forwarded-For for a fresh login budget',
      statuses.slice(5).every((s) => s === 429),
    );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it('the lockout counts the account however its email is spelled', async () => {
    const worker = await createPerson(server.app, 'WORKER');
    const spellings = [worker.email, worker.email.toUpperCase(), worker.email.replace('w', 'W')];
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/auth/login',
        remoteAddress: `198.51.100.${20 + attempt}`,
        payload: { email: spellings[attempt % spellings.length], password: 'Wrong-Guess-Spelling-1' },
      });
      statuses.push(response.statusCode);
    }
    const right = await server.app.inject({
      method: 'POST',
      url: '/auth/login',
      remoteAddress: '198.51.100.40',
      payload: { email: worker.email, password: worker.password },
    });
    recordAttack('authentication', 'lockout dodged by spelling the email differently', right.statusCode === 423);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect(right.statusCode).toBe(423);
  });
});
