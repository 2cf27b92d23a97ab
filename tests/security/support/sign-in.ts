import type { FastifyInstance } from 'fastify';
import { authenticator } from 'otplib';
import { rememberSecret } from './secrets';
import type { Person } from './world';

export interface Session {
  accessToken: string;
  refreshToken: string;
}

export function login(app: FastifyInstance, email: string, password: string) {
  return app.inject({ method: 'POST', url: '/auth/login', payload: { email, password, tokenDelivery: 'body' } });
}

/** Signs in with the password (and the TOTP code when the account has MFA); the tokens in the body. */
export async function signIn(app: FastifyInstance, person: Person, totpSecret?: string): Promise<Session> {
  const first = await login(app, person.email, person.password);
  if (first.statusCode !== 200) throw new Error(`sign-in failed: ${first.statusCode} ${first.body}`);
  let data = first.json().data;
  if (data.status === 'mfa_required') {
    if (!totpSecret) throw new Error('this account needs a TOTP code');
    const second = await app.inject({
      method: 'POST',
      url: '/auth/mfa/verify',
      payload: { mfaToken: data.mfaToken, code: authenticator.generate(totpSecret), tokenDelivery: 'body' },
    });
    if (second.statusCode !== 200) throw new Error(`MFA step failed: ${second.statusCode} ${second.body}`);
    data = second.json().data;
  }
  rememberSecret('token', data.accessToken, data.refreshToken);
  return { accessToken: data.accessToken, refreshToken: data.refreshToken };
}

/** Enrols the (signed-in) person in TOTP through the API; returns the secret the authenticator holds. */
export async function enrolTotp(app: FastifyInstance, person: Person): Promise<string> {
  const setup = await app.inject({ method: 'POST', url: '/auth/mfa/setup', headers: person.headers, payload: {} });
  if (setup.statusCode !== 200) throw new Error(`MFA setup failed: ${setup.statusCode} ${setup.body}`);
  const { secret } = setup.json().data as { secret: string };
  rememberSecret('TOTP secret', secret);
  const enable = await app.inject({
    method: 'POST',
    url: '/auth/mfa/enable',
    headers: person.headers,
    payload: { code: authenticator.generate(secret) },
  });
  if (enable.statusCode !== 200) throw new Error(`MFA enable failed: ${enable.statusCode} ${enable.body}`);
  return secret;
}
