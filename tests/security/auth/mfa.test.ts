import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecurityApp, startSecurityApp } from '../support/app';
import { hasPostgres } from '../support/database';
import { recordAttack } from '../support/ledger';
import { rememberSecret } from '../support/secrets';
import { enrolTotp, login } from '../support/sign-in';
import { createPerson, type Person } from '../support/world';

const STEP_MS = 30_000;
/** The code of the time step `offset` steps from now (the API accepts one step either side). */
const codeAt = (secret: string, offset: number) =>
  authenticator.clone({ epoch: Date.now() + offset * STEP_MS }).generate(secret);
/** A six-digit code that is none of the ones the API would accept now. */
function wrongCode(secret: string): string {
  const valid = new Set([-1, 0, 1].map((offset) => codeAt(secret, offset)));
  let code = 123456;
  while (valid.has(String(code))) code += 1;
  return String(code);
}

/** Guessing the second factor and replaying a code someone saw: both end at the lockout or a refusal. */
describe.skipIf(!hasPostgres())('authentication attacks: multi-factor', () => {
  let server: SecurityApp;

  beforeAll(async () => {
    server = await startSecurityApp();
  });
  afterAll(() => server?.close());

  async function enrolled(): Promise<{ person: Person; secret: string }> {
    const person = await createPerson(server.app, 'WORKER');
    return { person, secret: await enrolTotp(server.app, person) };
  }
  const passwordStep = async (person: Person) => {
    const response = await login(server.app, person.email, person.password);
    rememberSecret('token', response.json().data?.mfaToken);
    return { status: response.statusCode, mfaToken: response.json().data?.mfaToken as string | undefined };
  };
  const codeStep = (mfaToken: string, code: string) =>
    server.app.inject({ method: 'POST', url: '/auth/mfa/verify', payload: { mfaToken, code, tokenDelivery: 'body' } });

  it('wrong codes add up to the lockout across repeated password steps, and then the right code is refused too', async () => {
    const { person, secret } = await enrolled();
    const statuses: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const { mfaToken } = await passwordStep(person);
      if (!mfaToken) break;
      for (let guess = 0; guess < 2 && statuses.length < 5; guess += 1) {
        statuses.push((await codeStep(mfaToken, wrongCode(secret))).statusCode);
      }
    }
    const afterwards = await passwordStep(person);
    recordAttack('authentication', 'TOTP brute force over password steps', statuses.at(-1) === 423);
    recordAttack('authentication', 'password step while MFA-locked', afterwards.status === 423);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect(afterwards.status).toBe(423);
  });

  it('a code that signed in once does not sign in again (RFC 6238 §5.2)', async () => {
    const { person, secret } = await enrolled();
    // The next step's code: newer than the one enrolment used, still inside the accepted window.
    const code = codeAt(secret, 1);
    const first = await passwordStep(person);
    const accepted = await codeStep(first.mfaToken ?? '', code);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const second = await passwordStep(person);
    const replay = await codeStep(second.mfaToken ?? '', code);
    recordAttack('authentication', 'TOTP code replayed', replay.statusCode === 401);
    expect(replay.statusCode, replay.body).toBe(401);
    expect(replay.body).not.toContain('accessToken');
  });

  it('an MFA step token is good only for its own step, not for enrolment or as a session', async () => {
    const { person } = await enrolled();
    const { mfaToken } = await passwordStep(person);
    const asSession = await server.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${mfaToken}` },
    });
    const asEnrolment = await server.app.inject({ method: 'POST', url: '/auth/mfa/setup', payload: { mfaToken } });
    const blocked = asSession.statusCode === 401 && asEnrolment.statusCode === 401;
    recordAttack('authentication', 'MFA step token reused elsewhere', blocked);
    expect([asSession.statusCode, asEnrolment.statusCode]).toEqual([401, 401]);
  });
});
