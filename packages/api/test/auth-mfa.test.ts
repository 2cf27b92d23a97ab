import { schema } from '@caretracker/database';
import { eq } from 'drizzle-orm';
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startApp, type TestApp } from './helpers/app';
import { createUser, totpCode } from './helpers/factories';
import { expectError } from './helpers/http';

describe.each(engines())('multi-factor authentication on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine });
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers });

  it('an enrolled admin needs a TOTP code after the password', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const first = (await post('/auth/login', { email: admin.email, password: admin.password })).json().data;
    expect(first.status).toBe('mfa_required');
    expect(first.user).toBeUndefined();
    // The pending token is not an access token.
    expectError(
      await t.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${first.mfaToken}` } }),
      401,
      'UNAUTHORIZED',
    );
    expectError(await post('/auth/mfa/verify', { mfaToken: first.mfaToken, code: '000000' }), 401, 'UNAUTHORIZED');
    const ok = await post('/auth/mfa/verify', {
      mfaToken: first.mfaToken,
      code: authenticator.generate(admin.mfaSecret!),
      tokenDelivery: 'body',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data).toMatchObject({ status: 'authenticated', user: { id: admin.id, mfaEnabled: true } });
  });

  it('an admin without MFA must enrol before getting a session, and recovery codes work once', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    await t.app.deps.db
      .update(schema.users)
      .set({ mfaSecret: null, mfaEnabledAt: null })
      .where(eq(schema.users.id, admin.id));
    const first = (await post('/auth/login', { email: admin.email, password: admin.password })).json().data;
    expect(first.status).toBe('mfa_setup_required');
    const setup = (await post('/auth/mfa/setup', { mfaToken: first.mfaToken })).json().data;
    expect(setup.otpauthUrl).toContain('otpauth://totp/CareTracker');
    // Stored sealed: a copy of the database alone cannot generate the admin's codes.
    const [stored] = await t.app.deps.db.select().from(schema.users).where(eq(schema.users.id, admin.id));
    expect(stored?.mfaSecret).toMatch(/^enc:v1:/);
    expect(stored?.mfaSecret).not.toContain(setup.secret);
    expectError(await post('/auth/mfa/enable', { mfaToken: first.mfaToken, code: '123456' }), 401, 'UNAUTHORIZED');
    const enabled = await post('/auth/mfa/enable', {
      mfaToken: first.mfaToken,
      code: authenticator.generate(setup.secret),
      tokenDelivery: 'body',
    });
    expect(enabled.statusCode).toBe(200);
    const { recoveryCodes, session } = enabled.json().data;
    expect(recoveryCodes).toHaveLength(10);
    expect(session.status).toBe('authenticated');

    const again = (await post('/auth/login', { email: admin.email, password: admin.password })).json().data;
    expect(again.status).toBe('mfa_required');
    const viaRecovery = await post('/auth/mfa/verify', { mfaToken: again.mfaToken, code: recoveryCodes[0] });
    expect(viaRecovery.statusCode).toBe(200);
    const third = (await post('/auth/login', { email: admin.email, password: admin.password })).json().data;
    expectError(
      await post('/auth/mfa/verify', { mfaToken: third.mfaToken, code: recoveryCodes[0] }),
      401,
      'UNAUTHORIZED',
    );
  });

  it('MFA is optional for other roles: a worker can enrol and then needs the code, and can turn it off', async () => {
    const worker = await createUser(t.app, { role: 'WORKER' });
    const plain = (await post('/auth/login', { email: worker.email, password: worker.password })).json().data;
    expect(plain.status).toBe('authenticated');
    const setup = (await post('/auth/mfa/setup', {}, worker.headers)).json().data;
    const enabled = await post('/auth/mfa/enable', { code: authenticator.generate(setup.secret) }, worker.headers);
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json().data.session).toBeUndefined();
    const next = (await post('/auth/login', { email: worker.email, password: worker.password })).json().data;
    expect(next.status).toBe('mfa_required');
    // The enrolment code is spent: turning MFA off takes a later one.
    const off = await post(
      '/auth/mfa/disable',
      { password: worker.password, code: totpCode(setup.secret, 1) },
      worker.headers,
    );
    expect(off.statusCode).toBe(200);
    expect((await post('/auth/login', { email: worker.email, password: worker.password })).json().data.status).toBe(
      'authenticated',
    );
  });

  it('wrong codes lock the account like wrong passwords', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const { mfaToken } = (await post('/auth/login', { email: admin.email, password: admin.password })).json().data;
    for (let attempt = 1; attempt <= 4; attempt++) {
      expectError(await post('/auth/mfa/verify', { mfaToken, code: '000000' }), 401, 'UNAUTHORIZED');
    }
    expectError(await post('/auth/mfa/verify', { mfaToken, code: '000000' }), 423, 'ACCOUNT_LOCKED');
    const right = await post('/auth/mfa/verify', { mfaToken, code: authenticator.generate(admin.mfaSecret!) });
    expectError(right, 423, 'ACCOUNT_LOCKED');
  });

  it('wrong codes add up across repeated password steps: only a complete sign-in clears them', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const passwordStep = async () => {
      const step = await post('/auth/login', { email: admin.email, password: admin.password });
      expect(step.statusCode, step.body).toBe(200);
      return step.json().data.mfaToken as string;
    };
    // Four wrong codes, each after a fresh (correct) password step: not forgiven by the password.
    for (let attempt = 1; attempt <= 4; attempt++) {
      expectError(
        await post('/auth/mfa/verify', { mfaToken: await passwordStep(), code: '000000' }),
        401,
        'UNAUTHORIZED',
      );
    }
    // A complete sign-in clears the count…
    const signedIn = await post('/auth/mfa/verify', {
      mfaToken: await passwordStep(),
      code: totpCode(admin.mfaSecret!),
    });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    // …so the next four wrong codes do not lock, and the fifth does, whatever the password steps in between.
    for (let attempt = 1; attempt <= 4; attempt++) {
      expectError(
        await post('/auth/mfa/verify', { mfaToken: await passwordStep(), code: '111111' }),
        401,
        'UNAUTHORIZED',
      );
    }
    expectError(
      await post('/auth/mfa/verify', { mfaToken: await passwordStep(), code: '111111' }),
      423,
      'ACCOUNT_LOCKED',
    );
    // Locked: the password step itself now answers 423, and so would the right code.
    expectError(await post('/auth/login', { email: admin.email, password: admin.password }), 423, 'ACCOUNT_LOCKED');
    const failures = await t.app.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, admin.id));
    expect(failures.filter((row) => row.action === 'MFA_FAILURE')).toHaveLength(9);
  });

  it('an admin cannot turn MFA off', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const response = await post(
      '/auth/mfa/disable',
      { password: admin.password, code: authenticator.generate(admin.mfaSecret!) },
      admin.headers,
    );
    expectError(response, 422, 'UNPROCESSABLE');
  });
});
