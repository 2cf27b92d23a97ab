import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionRef } from '../src/modules/audit/values';
import { engines, startApp, type TestApp } from './helpers/app';
import { createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

const PHONE =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const LAPTOP = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0';

interface Device {
  accessToken: string;
  refreshToken: string;
  headers: { authorization: string };
}

describe.each(engines())('signed-in devices on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine });
  });
  afterAll(() => t.close());

  async function signInOn(user: TestUser, userAgent: string): Promise<Device> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { 'user-agent': userAgent },
      payload: { email: user.email, password: user.password, tokenDelivery: 'body' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const { accessToken, refreshToken } = response.json().data;
    return { accessToken, refreshToken, headers: { authorization: `Bearer ${accessToken}` } };
  }
  const list = async (headers: Record<string, string>) => {
    const response = await t.app.inject({ method: 'GET', url: '/auth/sessions', headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data as { id: string; browser: string | null; os: string | null; current: boolean }[];
  };
  const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/auth/me', headers });
  const refresh = (refreshToken: string) =>
    t.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken, tokenDelivery: 'body' } });
  const auditRows = (action: string, entityId: string) =>
    t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, action), eq(schema.auditLog.entityId, entityId)));

  it('lists my live sessions in plain names, this one first and marked, and no one else’s', async () => {
    const user = await createUser(t.app, { role: 'CLIENT' });
    const phone = await signInOn(user, PHONE);
    const laptop = await signInOn(user, LAPTOP);
    await signInOn(await createUser(t.app, { role: 'CLIENT' }), PHONE);

    const seen = await list(phone.headers);
    // The factory's session (no user agent), the phone and the laptop.
    expect(seen).toHaveLength(3);
    expect(seen[0]).toMatchObject({ browser: 'Chrome', os: 'Android', mobile: true, current: true });
    expect(seen.filter((session) => session.current)).toHaveLength(1);
    expect(seen).toContainEqual(expect.objectContaining({ browser: 'Firefox', os: 'Mac', current: false }));
    expect(seen).toContainEqual(expect.objectContaining({ browser: null, os: null, current: false }));

    // An ended session is no longer listed.
    await t.app.inject({ method: 'POST', url: '/auth/logout', headers: laptop.headers });
    expect(await list(phone.headers)).toHaveLength(2);
  });

  it('signs out one device: its access token stops at the next request and its refresh fails', async () => {
    const user = await createUser(t.app, { role: 'WORKER' });
    const phone = await signInOn(user, PHONE);
    const laptop = await signInOn(user, LAPTOP);
    const laptopId = (await list(phone.headers)).find((session) => session.browser === 'Firefox')!.id;

    const ended = await t.app.inject({ method: 'DELETE', url: `/auth/sessions/${laptopId}`, headers: phone.headers });
    expect(ended.statusCode, ended.body).toBe(200);

    expectError(await me(laptop.headers), 401, 'UNAUTHORIZED');
    expectError(await refresh(laptop.refreshToken), 401, 'UNAUTHORIZED');
    expect((await me(phone.headers)).statusCode).toBe(200);
    expect((await refresh(phone.refreshToken)).statusCode).toBe(200);
    const [row] = await auditRows('SESSION_ENDED', sessionRef(laptopId));
    expect(row).toMatchObject({ actorId: user.id, dataClassification: 'SECURITY', outcome: 'SUCCESS' });
    // Once ended, it is gone.
    expectError(
      await t.app.inject({ method: 'DELETE', url: `/auth/sessions/${laptopId}`, headers: phone.headers }),
      404,
      'NOT_FOUND',
    );
  });

  it('signs out all other devices and keeps this one', async () => {
    const user = await createUser(t.app, { role: 'SUPERVISOR' });
    const phone = await signInOn(user, PHONE);
    const laptop = await signInOn(user, LAPTOP);

    const response = await t.app.inject({
      method: 'POST',
      url: '/auth/sessions/sign-out-others',
      headers: phone.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    // The laptop and the factory's session.
    expect(response.json().data).toEqual({ endedSessions: 2 });

    expectError(await me(laptop.headers), 401, 'UNAUTHORIZED');
    expectError(await me(user.headers), 401, 'UNAUTHORIZED');
    expectError(await refresh(laptop.refreshToken), 401, 'UNAUTHORIZED');
    expect((await me(phone.headers)).statusCode).toBe(200);
    expect((await list(phone.headers)).map((session) => session.current)).toEqual([true]);
    const [row] = await auditRows('OTHER_SESSIONS_ENDED', user.id);
    expect(row?.metadata).toMatchObject({ endedSessions: 2 });
  });

  it('an outsider cannot end someone else’s session: 404, and it goes on', async () => {
    const owner = await createUser(t.app, { role: 'CLIENT' });
    const ownerDevice = await signInOn(owner, LAPTOP);
    const ownerSessionId = (await list(ownerDevice.headers))[0]!.id;
    for (const role of ['CLIENT', 'SUPERVISOR', 'ADMIN'] as const) {
      const outsider = await createUser(t.app, { role });
      expectError(
        await t.app.inject({ method: 'DELETE', url: `/auth/sessions/${ownerSessionId}`, headers: outsider.headers }),
        404,
        'NOT_FOUND',
      );
      // Their "all other devices" is theirs alone.
      await t.app.inject({ method: 'POST', url: '/auth/sessions/sign-out-others', headers: outsider.headers });
    }
    const [session] = await t.app.deps.db
      .select({ revokedAt: schema.sessions.revokedAt })
      .from(schema.sessions)
      .where(eq(schema.sessions.id, ownerSessionId));
    expect(session?.revokedAt).toBeNull();
    expect((await me(ownerDevice.headers)).statusCode).toBe(200);
  });

  it('is for signed-in users only', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/auth/sessions' }), 401, 'UNAUTHORIZED');
    expectError(await t.app.inject({ method: 'POST', url: '/auth/sessions/sign-out-others' }), 401, 'UNAUTHORIZED');
  });
});
