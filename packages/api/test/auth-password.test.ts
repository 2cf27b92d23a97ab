import { schema } from '@caretracker/database';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCommonPassword } from '../src/modules/auth/passwords';
import { engines, startApp, type TestApp } from './helpers/app';
import { createUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { startSmtpSink, tokenFrom } from './helpers/smtp-sink';

describe('common password list', () => {
  it('knows leaked passwords and lightly padded ones, not passphrases', () => {
    expect(isCommonPassword('123qweasdzxc')).toBe(true);
    expect(isCommonPassword('password1234!')).toBe(true);
    expect(isCommonPassword('garden-lantern-visit-42')).toBe(false);
  });
});

describe.each(engines())('password change on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine });
  });
  afterAll(() => t.close());

  const change = (
    headers: Record<string, string>,
    currentPassword: string,
    newPassword: string,
    endOtherSessions = true,
  ) =>
    t.app.inject({
      method: 'POST',
      url: '/auth/password/change',
      headers,
      payload: { currentPassword, newPassword, endOtherSessions },
    });

  it('applies the policy: length, common passwords, own name or email, each named on the field', async () => {
    const user = await createUser(t.app, { role: 'CLIENT', firstName: 'Harriet' });
    const short = expectError(await change(user.headers, user.password, 'short-pass'), 400, 'VALIDATION_ERROR');
    expect(short.details?.[0]).toMatchObject({ field: 'body.newPassword' });
    expect(short.message).toMatch(/at least 12/);
    expectError(await change(user.headers, user.password, 'Password1234!'), 400, 'VALIDATION_ERROR');
    const named = expectError(
      await change(user.headers, user.password, 'harriet-is-my-password'),
      400,
      'VALIDATION_ERROR',
    );
    expect(named.message).toMatch(/email or name/);
    const local = user.email.split('@')[0]!;
    expectError(await change(user.headers, user.password, `${local}-longer-phrase`), 400, 'VALIDATION_ERROR');
    expectError(await change(user.headers, 'not-my-password', 'Silver-Canyon-Morning-77'), 400, 'VALIDATION_ERROR');
  });

  it('accepts 64+ characters without truncating them', async () => {
    const user = await createUser(t.app, { role: 'WORKER' });
    const long = `${'correct horse battery staple '.repeat(4)}end`; // 119 characters, > 72 bytes
    expect((await change(user.headers, user.password, long)).statusCode).toBe(200);
    const login = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: user.email, password, tokenDelivery: 'body' },
      });
    expect((await login(long)).statusCode).toBe(200);
    // Differing only after byte 72 must not pass (bcrypt alone would truncate there).
    expectError(await login(`${long.slice(0, 100)}X${long.slice(101)}`), 401, 'UNAUTHORIZED');
  });

  it('refuses any of the last 5 passwords', async () => {
    const user = await createUser(t.app, { role: 'WORKER' });
    const passwords = ['Amber-Field-Crossing-1', 'Amber-Field-Crossing-2', 'Amber-Field-Crossing-3'];
    let current = user.password;
    for (const next of passwords) {
      expect((await change(user.headers, current, next, false)).statusCode).toBe(200);
      current = next;
    }
    const reused = expectError(await change(user.headers, current, user.password, false), 400, 'VALIDATION_ERROR');
    expect(reused.details?.[0]?.message).toMatch(/last 5/);
  });

  it('ends the other sessions when asked, keeping the current one', async () => {
    const user = await createUser(t.app, { role: 'SUPERVISOR' });
    const other = (
      await t.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: user.email, password: user.password, tokenDelivery: 'body' },
      })
    ).json().data;
    const response = await change(user.headers, user.password, 'Quiet-River-Stones-88');
    expect(response.json().data.endedSessions).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: '/auth/me', headers: user.headers })).statusCode).toBe(200);
    expectError(
      await t.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${other.accessToken}` } }),
      401,
      'UNAUTHORIZED',
    );
  });
});

describe('password reset through a real SMTP server', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startApp({ config: { SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('mails a single-use link that sets a new password and ends every session', async () => {
    const user = await createUser(t.app, { role: 'CLIENT' });
    const request = await t.app.inject({
      method: 'POST',
      url: '/auth/password/reset-request',
      payload: { email: user.email },
    });
    expect(request.statusCode).toBe(202);
    const mail = await sink.waitFor(user.email);
    expect(mail.raw).toContain('Reset your CareTracker password');
    const token = tokenFrom(mail.raw, 'Reset code');

    const reset = (newPassword: string) =>
      t.app.inject({ method: 'POST', url: '/auth/password/reset', payload: { token, newPassword } });
    expectError(await reset('too-short'), 400, 'VALIDATION_ERROR');
    expect((await reset('Maple-Harbor-Evening-55')).statusCode).toBe(200);
    expectError(await reset('Maple-Harbor-Evening-56'), 422, 'UNPROCESSABLE');

    expectError(await t.app.inject({ method: 'GET', url: '/auth/me', headers: user.headers }), 401, 'UNAUTHORIZED');
    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password: 'Maple-Harbor-Evening-55' },
    });
    expect(login.statusCode).toBe(200);
  });

  it("links to the reset page of the user's own app: portal, care worker app or admin dashboard", async () => {
    const expected = {
      CLIENT: 'http://localhost:3000',
      WORKER: 'http://localhost:3001',
      SUPERVISOR: 'http://localhost:3002',
    };
    for (const [role, appUrl] of Object.entries(expected)) {
      const user = await createUser(t.app, { role: role as keyof typeof expected });
      await t.app.inject({ method: 'POST', url: '/auth/password/reset-request', payload: { email: user.email } });
      const mail = await sink.waitFor(user.email);
      const token = tokenFrom(mail.raw, 'Reset code');
      // Undo quoted-printable: soft line breaks ("=\r\n") and "=3D" for "=".
      const body = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      expect(body, role).toContain(`${appUrl}/reset-password?token=${encodeURIComponent(token)}`);
    }
  });

  it('answers 202 for an unknown address and sends nothing', async () => {
    const before = sink.received.length;
    const response = await t.app.inject({
      method: 'POST',
      url: '/auth/password/reset-request',
      payload: { email: 'nobody-here@test.caretracker.dev' },
    });
    expect(response.statusCode).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sink.received.length).toBe(before);
  });

  it('refuses an expired reset token', async () => {
    const user = await createUser(t.app, { role: 'WORKER' });
    await t.app.inject({ method: 'POST', url: '/auth/password/reset-request', payload: { email: user.email } });
    const token = tokenFrom((await sink.waitFor(user.email)).raw, 'Reset code');
    await t.app.deps.db
      .update(schema.oneTimeTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.oneTimeTokens.userId, user.id));
    const response = await t.app.inject({
      method: 'POST',
      url: '/auth/password/reset',
      payload: { token, newPassword: 'Cedar-Window-Bright-31' },
    });
    expectError(response, 422, 'UNPROCESSABLE');
  });
});

describe.each(engines())('email verification without SMTP (outbox) on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine });
  });
  afterAll(() => t.close());

  it('keeps the mail in the outbox and verifies the address with its token, once', async () => {
    const user = await createUser(t.app, { role: 'CLIENT' });
    await t.app.deps.db.update(schema.users).set({ emailVerifiedAt: null }).where(eq(schema.users.id, user.id));
    const sent = await t.app.inject({
      method: 'POST',
      url: '/auth/email/verify-request',
      headers: user.headers,
      payload: {},
    });
    expect(sent.statusCode).toBe(202);
    const [mail] = await t.app.deps.db
      .select()
      .from(schema.emailOutbox)
      .where(and(eq(schema.emailOutbox.toAddress, user.email), eq(schema.emailOutbox.status, 'LOGGED')))
      .orderBy(desc(schema.emailOutbox.createdAt));
    const token = tokenFrom(mail!.textBody, 'Verification code');
    expect((await t.app.inject({ method: 'POST', url: '/auth/email/verify', payload: { token } })).statusCode).toBe(
      200,
    );
    expectError(
      await t.app.inject({ method: 'POST', url: '/auth/email/verify', payload: { token } }),
      422,
      'UNPROCESSABLE',
    );
    const me = (await t.app.inject({ method: 'GET', url: '/auth/me', headers: user.headers })).json().data;
    expect(me.emailVerified).toBe(true);
  });
});
