import {
  ACCESS_COOKIE,
  authenticatedSchema,
  emailVerifyBodySchema,
  envelope,
  loginBodySchema,
  loginResultSchema,
  meSchema,
  mfaDisableBodySchema,
  mfaEnableBodySchema,
  mfaEnableResultSchema,
  mfaSetupBodySchema,
  mfaSetupResultSchema,
  mfaVerifyBodySchema,
  passwordChangeBodySchema,
  passwordResetBodySchema,
  passwordResetRequestBodySchema,
  REFRESH_COOKIE,
  refreshBodySchema,
} from '@caretracker/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { UnauthorizedError } from '../../errors/app-errors';
import { actorOf } from '../../plugins/request-context';
import type { AccountService } from './account-service';
import type { AuthService, LoginOutcome } from './service';

const okSchema = envelope(z.object({ message: z.string() }));

export interface AuthRoutesOptions {
  config: Config;
  auth: AuthService;
  account: AccountService;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, { config, auth, account }) => {
  const authLimit = { rateLimit: { max: config.RATE_LIMIT_AUTH_MAX, timeWindow: 60_000 } };
  // Answers with tokens, MFA secrets or recovery codes are never kept by the idempotency store.
  const secretAnswer = { ...authLimit, idempotency: false };
  const cookieBase = { httpOnly: true, sameSite: 'lax' as const, secure: config.SECURE_COOKIES };
  const authExpiresIn = () => Math.floor(config.JWT_EXPIRES_IN / 1000);

  function deliver(reply: FastifyReply, outcome: LoginOutcome, delivery: 'cookie' | 'body') {
    if (outcome.status !== 'authenticated') return outcome;
    const { tokens, user } = outcome;
    if (delivery === 'body') {
      return {
        status: outcome.status,
        user,
        expiresIn: authExpiresIn(),
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
      };
    }
    reply.setCookie(ACCESS_COOKIE, tokens.accessToken, { ...cookieBase, path: '/', maxAge: authExpiresIn() });
    reply.setCookie(REFRESH_COOKIE, tokens.refreshToken, {
      ...cookieBase,
      path: '/auth',
      maxAge: Math.floor(config.REFRESH_TOKEN_EXPIRES_IN / 1000),
    });
    return { status: outcome.status, user, expiresIn: authExpiresIn() };
  }
  function clearCookies(reply: FastifyReply) {
    reply.clearCookie(ACCESS_COOKIE, { ...cookieBase, path: '/' });
    reply.clearCookie(REFRESH_COOKIE, { ...cookieBase, path: '/auth' });
  }

  app.post(
    '/login',
    {
      config: secretAnswer,
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: loginBodySchema,
        response: { 200: envelope(loginResultSchema) },
      },
    },
    async (request, reply) => {
      const outcome = await auth.login(request.body.email, request.body.password);
      return { success: true as const, data: deliver(reply, outcome, request.body.tokenDelivery) };
    },
  );

  app.post(
    '/mfa/verify',
    {
      config: secretAnswer,
      schema: {
        tags: ['auth'],
        summary: 'Second sign-in step: a TOTP or recovery code',
        body: mfaVerifyBodySchema,
        response: { 200: envelope(loginResultSchema) },
      },
    },
    async (request, reply) => {
      const outcome = await auth.verifyMfa(request.body.mfaToken, request.body.code);
      return { success: true as const, data: deliver(reply, outcome, request.body.tokenDelivery) };
    },
  );

  app.post(
    '/mfa/setup',
    {
      config: secretAnswer,
      schema: {
        tags: ['auth'],
        summary: 'Start TOTP enrolment (signed in, or with the mfaToken of a login that requires it)',
        body: mfaSetupBodySchema,
        response: { 200: envelope(mfaSetupResultSchema) },
      },
    },
    async (request) => {
      if (!request.body.mfaToken && !request.actor) throw new UnauthorizedError();
      const data = await auth.setupMfa({ mfaToken: request.body.mfaToken, userId: request.actor?.id });
      return { success: true as const, data };
    },
  );

  app.post(
    '/mfa/enable',
    {
      config: secretAnswer,
      schema: {
        tags: ['auth'],
        summary: 'Confirm TOTP enrolment; returns recovery codes once',
        body: mfaEnableBodySchema,
        response: { 200: envelope(mfaEnableResultSchema) },
      },
    },
    async (request, reply) => {
      if (!request.body.mfaToken && !request.actor) throw new UnauthorizedError();
      const result = await auth.enableMfa(
        { mfaToken: request.body.mfaToken, userId: request.actor?.id },
        request.body.code,
      );
      const session = result.session ? deliver(reply, result.session, request.body.tokenDelivery) : undefined;
      return {
        success: true as const,
        data: {
          recoveryCodes: result.recoveryCodes,
          session: session?.status === 'authenticated' ? authenticatedSchema.parse(session) : undefined,
        },
      };
    },
  );

  app.post(
    '/mfa/disable',
    {
      onRequest: app.requireAuth,
      config: authLimit,
      schema: {
        tags: ['auth'],
        summary: 'Turn off MFA (not allowed for roles that require it)',
        body: mfaDisableBodySchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await auth.disableMfa(actorOf(request).id, request.body.password, request.body.code);
      return { success: true as const, data: { message: 'Multi-factor authentication turned off' } };
    },
  );

  app.post(
    '/refresh',
    {
      config: { idempotency: false },
      schema: {
        tags: ['auth'],
        summary: 'Rotate the refresh token (cookie or body) and get a new access token',
        body: refreshBodySchema.optional(),
        response: { 200: envelope(authenticatedSchema) },
      },
    },
    async (request, reply) => {
      const fromBody = request.body?.refreshToken;
      const token = fromBody ?? request.cookies[REFRESH_COOKIE];
      if (!token) throw new UnauthorizedError('Session expired; sign in again');
      try {
        const { user, tokens } = await auth.refresh(token);
        const delivery = request.body?.tokenDelivery ?? (fromBody ? 'body' : 'cookie');
        const data = deliver(reply, { status: 'authenticated', user, tokens }, delivery);
        return { success: true as const, data: authenticatedSchema.parse(data) };
      } catch (error) {
        if (!fromBody) clearCookies(reply);
        throw error;
      }
    },
  );

  // Logout ends the session whatever the body: none, empty, not JSON, the wrong content type.
  // Its own parsers (this route only) take any body without failing; a refresh token is read from
  // a JSON object when one is sent, otherwise the session comes from the access token or cookie.
  await app.register(async (lenient) => {
    lenient.removeAllContentTypeParsers();
    lenient.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(String(body)));
      } catch {
        done(null, undefined);
      }
    });
    lenient.post(
      '/logout',
      {
        config: { checkBodyText: false },
        schema: {
          tags: ['auth'],
          summary: 'End the current session (any body, or none; `{ refreshToken }` for body-delivery clients)',
          body: z.unknown(),
          response: { 200: okSchema },
        },
      },
      async (request, reply) => {
        const sent = refreshBodySchema.safeParse(request.body);
        const refreshToken = (sent.success ? sent.data?.refreshToken : undefined) ?? request.cookies[REFRESH_COOKIE];
        const sessionId =
          request.actor?.sessionId ?? (refreshToken ? await auth.sessionOfRefreshToken(refreshToken) : null);
        if (sessionId) await auth.logout(sessionId);
        clearCookies(reply);
        return { success: true as const, data: { message: 'Signed out' } };
      },
    );
  });

  app.get(
    '/me',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: envelope(meSchema) },
      },
    },
    async (request) => {
      const me = await auth.loadMe(app.deps.db, actorOf(request).id);
      if (!me) throw new UnauthorizedError();
      return { success: true as const, data: me };
    },
  );

  app.post(
    '/password/change',
    {
      onRequest: app.requireAuth,
      config: authLimit,
      schema: {
        tags: ['auth'],
        summary: 'Change your password; by default ends your other sessions',
        body: passwordChangeBodySchema,
        response: { 200: envelope(z.object({ endedSessions: z.number().int() })) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const data = await account.changePassword({ userId: actor.id, sessionId: actor.sessionId, ...request.body });
      return { success: true as const, data };
    },
  );

  app.post(
    '/password/reset-request',
    {
      config: authLimit,
      schema: {
        tags: ['auth'],
        summary: 'Email a single-use reset link (always answers 202)',
        body: passwordResetRequestBodySchema,
        response: { 202: okSchema },
      },
    },
    async (request, reply) => {
      const deliver = await account.requestPasswordReset(request.body.email);
      // The answer leaves before the account's part (token, email): its timing is the same either way.
      await reply.status(202).send({
        success: true as const,
        data: { message: 'If an account exists for that address, a reset link is on its way' },
      });
      await deliver?.().catch((error: unknown) => request.log.error({ err: error }, 'password reset email failed'));
      return reply;
    },
  );

  app.post(
    '/password/reset',
    {
      config: authLimit,
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with an emailed token',
        body: passwordResetBodySchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await account.resetPassword(request.body.token, request.body.newPassword);
      return { success: true as const, data: { message: 'Password changed; sign in with your new password' } };
    },
  );

  app.post(
    '/email/verify-request',
    {
      onRequest: app.requireAuth,
      config: authLimit,
      schema: {
        tags: ['auth'],
        summary: 'Email a verification link to the signed-in user',
        response: { 202: okSchema },
      },
    },
    async (request, reply) => {
      await account.sendEmailVerification(actorOf(request).id);
      reply.status(202);
      return { success: true as const, data: { message: 'Verification email sent' } };
    },
  );

  app.post(
    '/email/verify',
    {
      config: authLimit,
      schema: {
        tags: ['auth'],
        summary: 'Confirm an email address with an emailed token',
        body: emailVerifyBodySchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await account.verifyEmail(request.body.token);
      return { success: true as const, data: { message: 'Email address confirmed' } };
    },
  );
};
