import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecurityApp, startSecurityApp } from '../support/app';
import { hasPostgres } from '../support/database';
import { recordAttack } from '../support/ledger';
import { rememberSecret } from '../support/secrets';
import { signIn } from '../support/sign-in';
import { createPerson } from '../support/world';

/** Refresh-token replay and sign-out: a stolen, already-used refresh token ends the whole session family. */
describe.skipIf(!hasPostgres())('authentication attacks: sessions', () => {
  let server: SecurityApp;

  beforeAll(async () => {
    server = await startSecurityApp();
  });
  afterAll(() => server?.close());

  const refresh = (refreshToken: string) =>
    server.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken, tokenDelivery: 'body' } });
  const me = (accessToken: string) =>
    server.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${accessToken}` } });

  it('a replayed refresh token is refused and revokes the family: the rotated token and its access token die too', async () => {
    const worker = await createPerson(server.app, 'WORKER');
    const first = await signIn(server.app, worker);
    const rotated = await refresh(first.refreshToken);
    expect(rotated.statusCode, rotated.body).toBe(200);
    const current = rotated.json().data as { accessToken: string; refreshToken: string };
    rememberSecret('token', current.accessToken, current.refreshToken);

    const replay = await refresh(first.refreshToken);
    const afterReplay = [await refresh(current.refreshToken), await me(current.accessToken)];
    const blocked = replay.statusCode === 401 && afterReplay.every((response) => response.statusCode === 401);
    recordAttack('authentication', 'replayed refresh token', blocked);
    expect(replay.statusCode).toBe(401);
    expect(afterReplay.map((response) => response.statusCode)).toEqual([401, 401]);
  });

  it('sign-out without a body ends the session (a stolen token dies with it)', async () => {
    const client = await createPerson(server.app, 'CLIENT');
    const session = await signIn(server.app, client);
    const out = await server.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(out.statusCode, out.body).toBe(200);
    const after = [await me(session.accessToken), await refresh(session.refreshToken)];
    recordAttack(
      'authentication',
      'token after body-less sign-out',
      after.every((r) => r.statusCode === 401),
    );
    expect(after.map((response) => response.statusCode)).toEqual([401, 401]);
  });

  it('a made-up refresh token gets nothing', async () => {
    const response = await refresh('a'.repeat(43));
    recordAttack('authentication', 'invented refresh token', response.statusCode === 401);
    expect(response.statusCode).toBe(401);
  });
});
