import { ACCESS_AUDIENCE, MFA_AUDIENCE, TOKEN_ISSUER } from '@caretracker/api/src/modules/auth/tokens';
import { schema } from '@caretracker/database';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecurityApp, startSecurityApp } from '../support/app';
import { hasPostgres } from '../support/database';
import { decodeJwt, forgeJwt } from '../support/jwt';
import { recordAttack } from '../support/ledger';
import { createPerson, type Person } from '../support/world';

/**
 * Forged, altered and stale access tokens: each is tried on `GET /auth/me` (and where it matters an
 * admin-only route) and must be refused as signed out (401), never read as someone else.
 */
describe.skipIf(!hasPostgres())('authentication attacks: access tokens', () => {
  let server: SecurityApp;
  let client: Person;
  let admin: Person;
  const now = () => Math.floor(Date.now() / 1000);
  /** The attacker holds the signing key itself (the public development key, a leaked one): the worst case. */
  const key = () => server.app.deps.config.JWT_SECRET;

  beforeAll(async () => {
    server = await startSecurityApp();
    client = await createPerson(server.app, 'CLIENT');
    admin = await createPerson(server.app, 'ADMIN');
  });
  afterAll(() => server?.close());

  /** The client's own claims, for an attacker to edit. */
  const claimsOf = (person: Person) => decodeJwt(person.token).claims;
  const me = (token: string) =>
    server.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${token}` } });

  async function expectRefused(name: string, token: string) {
    const response = await me(token);
    recordAttack('authentication', name, response.statusCode === 401);
    expect(response.statusCode, `${name}: ${response.body}`).toBe(401);
    expect(response.json()).toMatchObject({ success: false, error: 'UNAUTHORIZED' });
  }

  it('accepts the genuine token (the attacks below start from it)', async () => {
    const response = await me(client.token);
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toMatchObject({ id: client.id, role: 'CLIENT' });
  });

  it('refuses a token signed with another key', async () => {
    await expectRefused('wrong signature', forgeJwt({ alg: 'HS256', typ: 'JWT' }, claimsOf(client), 'not-the-key'));
    const [head, body] = client.token.split('.');
    await expectRefused('signature stripped', `${head}.${body}.`);
    await expectRefused('signature of another token', `${head}.${body}.${admin.token.split('.')[2]}`);
  });

  it('refuses alg none and algorithms other than HS256, even under the right key', async () => {
    await expectRefused('alg none', forgeJwt({ alg: 'none', typ: 'JWT' }, claimsOf(client)));
    await expectRefused('alg NONE', forgeJwt({ alg: 'NONE', typ: 'JWT' }, claimsOf(client)));
    await expectRefused('alg HS512', forgeJwt({ alg: 'HS512', typ: 'JWT' }, claimsOf(client), key()));
  });

  it('refuses expired tokens and tokens without an expiry', async () => {
    const claims = { ...claimsOf(client), iat: now() - 7200, exp: now() - 3600 };
    await expectRefused('expired', forgeJwt({ alg: 'HS256' }, claims, key()));
    const { exp: _exp, ...forever } = claimsOf(client);
    await expectRefused('no expiry', forgeJwt({ alg: 'HS256' }, forever, key()));
  });

  it('refuses the wrong audience or issuer, and a half-finished MFA sign-in used as an access token', async () => {
    const claims = claimsOf(client);
    await expectRefused('wrong audience', forgeJwt({ alg: 'HS256' }, { ...claims, aud: 'someone-else' }, key()));
    await expectRefused('wrong issuer', forgeJwt({ alg: 'HS256' }, { ...claims, iss: 'evil-issuer' }, key()));
    const mfa = { ...claims, aud: MFA_AUDIENCE, iss: TOKEN_ISSUER, purpose: 'verify' };
    await expectRefused('MFA token as access token', forgeJwt({ alg: 'HS256' }, mfa, key()));
    expect(ACCESS_AUDIENCE).not.toBe(MFA_AUDIENCE);
  });

  it("refuses a token re-signed with another user's id on the caller's session", async () => {
    const claims = { ...claimsOf(client), sub: admin.id };
    await expectRefused('sub edited and re-signed', forgeJwt({ alg: 'HS256' }, claims, key()));
  });

  it('a role claim edited to ADMIN and re-signed with the key changes nothing: the session row decides', async () => {
    const forged = forgeJwt({ alg: 'HS256', typ: 'JWT' }, { ...claimsOf(client), role: 'ADMIN' }, key());
    const headers = { authorization: `Bearer ${forged}` };
    const verify = await server.app.inject({ method: 'GET', url: '/audit/verify', headers });
    const adminRecord = await server.app.inject({ method: 'GET', url: `/users/${admin.id}`, headers });
    const self = await me(forged);
    const blocked = verify.statusCode === 403 && adminRecord.statusCode === 404 && self.json().data?.role === 'CLIENT';
    recordAttack('authentication', 'role claim edited and re-signed', blocked);
    expect(verify.statusCode, verify.body).toBe(403);
    expect(adminRecord.statusCode).toBe(404);
    expect(self.json().data).toMatchObject({ id: client.id, role: 'CLIENT' });
    // The denial is written down under the role the user really has.
    const [denial] = await server.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.actorId, client.id), eq(schema.auditLog.outcome, 'DENIED')))
      .orderBy(desc(schema.auditLog.seq))
      .limit(1);
    expect(denial?.actorRole).toBe('CLIENT');
  });

  it('refuses a signed-out session and a deactivated or deleted user at once', async () => {
    const { db } = server.app.deps;
    const leaving = await createPerson(server.app, 'WORKER');
    const out = await server.app.inject({ method: 'POST', url: '/auth/logout', headers: leaving.headers, payload: {} });
    expect(out.statusCode).toBe(200);
    await expectRefused('token of a signed-out session', leaving.token);

    const deactivated = await createPerson(server.app, 'WORKER');
    const put = await server.app.inject({
      method: 'PUT',
      url: `/users/${deactivated.id}`,
      headers: admin.headers,
      payload: { isActive: false },
    });
    expect(put.statusCode, put.body).toBe(200);
    await expectRefused("deactivated user's token", deactivated.token);

    const deleted = await createPerson(server.app, 'CLIENT');
    await db.update(schema.users).set({ deletedAt: new Date() }).where(eq(schema.users.id, deleted.id));
    await expectRefused("deleted user's token", deleted.token);
  });
});
