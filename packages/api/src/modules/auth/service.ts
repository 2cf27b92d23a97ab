import type { Database, Executor, SecretBox } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { type Me, MFA_REQUIRED_ROLES, type Role } from '@caretracker/shared';
import bcrypt from 'bcrypt';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Config } from '../../config/config';
import { AccountLockedError, UnauthorizedError, UnprocessableError } from '../../errors/app-errors';
import type { AuditService } from '../audit/service';
import { clientActedFor } from '../family/queries';
import type { createLockout } from './lockout';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, otpauthUrl, totpStepOf } from './mfa';
import { verifyPassword } from './passwords';
import type { IssuedTokens, SessionStore } from './sessions';
import type { TokenService } from './tokens';

const { users, profiles, mfaRecoveryCodes } = schema;
const INVALID_CREDENTIALS = 'Invalid email or password';

export type LoginOutcome =
  | { status: 'authenticated'; user: Me; tokens: IssuedTokens }
  | { status: 'mfa_required'; mfaToken: string }
  | { status: 'mfa_setup_required'; mfaToken: string };

/** Who is enrolling: a login paused for MFA setup (its token), or a signed-in user. */
export interface EnrolmentTarget {
  mfaToken?: string | undefined;
  userId?: string | undefined;
}

export interface AuthDeps {
  db: Database;
  config: Config;
  tokens: TokenService;
  sessions: SessionStore;
  lockout: ReturnType<typeof createLockout>;
  audit: AuditService;
  /** Seals TOTP secrets at rest. */
  secrets: SecretBox;
}

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: AuthDeps) {
  const { db, tokens, sessions, lockout, audit, secrets } = deps;

  /**
   * Whether `code` is a fresh TOTP code of the user's (sealed) secret, and if so spends it: its
   * time step becomes the user's last, so neither it nor an earlier code works again (RFC 6238
   * §5.2). The compare-and-set makes two requests racing with one code succeed once. A secret
   * stored unsealed is refused (the secret box throws), never read as plain text.
   */
  async function spendTotpCode(
    executor: Executor,
    user: { id: string; mfaSecret: string | null },
    code: string,
  ): Promise<'accepted' | 'wrong' | 'replayed'> {
    if (user.mfaSecret === null) return 'wrong';
    const step = totpStepOf(code, secrets.open(user.mfaSecret));
    if (step === null) return 'wrong';
    const spent = await executor
      .update(users)
      .set({ mfaLastStep: step })
      .where(and(eq(users.id, user.id), or(isNull(users.mfaLastStep), lt(users.mfaLastStep, step))))
      .returning({ id: users.id });
    return spent.length > 0 ? 'accepted' : 'replayed';
  }
  const dummyHash = bcrypt.hashSync('caretracker-timing-equaliser', deps.config.BCRYPT_SALT_ROUNDS);

  async function loadMe(executor: Executor, userId: string): Promise<Me | null> {
    const [row] = await executor
      .select({
        id: users.id,
        email: users.email,
        role: users.role,
        firstName: users.firstName,
        lastName: users.lastName,
        emailVerifiedAt: users.emailVerifiedAt,
        mfaEnabledAt: users.mfaEnabledAt,
        timezone: profiles.timezone,
        preferredLanguage: profiles.preferredLanguage,
      })
      .from(users)
      .leftJoin(profiles, eq(profiles.userId, users.id))
      .where(and(eq(users.id, userId), isNull(users.deletedAt), eq(users.isActive, true)));
    if (!row) return null;
    const actsFor = row.role === 'CLIENT' ? await clientActedFor(executor, row.id) : null;
    return {
      id: row.id,
      email: row.email,
      role: row.role,
      firstName: row.firstName,
      lastName: row.lastName,
      emailVerified: row.emailVerifiedAt !== null,
      mfaEnabled: row.mfaEnabledAt !== null,
      timezone: row.timezone ?? null,
      preferredLanguage: row.preferredLanguage ?? null,
      actsFor,
    };
  }

  /**
   * Opens a session and records the successful login, in one transaction. Only here, after every
   * step of the sign-in, is the failure count cleared: a right password alone does not forgive
   * wrong codes.
   */
  async function completeLogin(
    account: { id: string; role: Role; email: string },
    method: string,
  ): Promise<LoginOutcome> {
    const { id: userId, role } = account;
    return db.transaction(async (tx) => {
      const issued = await sessions.open(tx, { id: userId });
      await lockout.clear(account.email, tx);
      await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, userId));
      await audit.record(
        {
          action: 'LOGIN_SUCCESS',
          entityType: 'user',
          entityId: userId,
          classification: 'SECURITY',
          metadata: { method, sessionId: issued.sessionId },
          actor: { id: userId, role },
        },
        tx,
      );
      const user = await loadMe(tx, userId);
      if (!user) throw new UnauthorizedError(INVALID_CREDENTIALS);
      return { status: 'authenticated', user, tokens: issued };
    });
  }

  async function userForMfa(mfaToken: string, purpose: 'verify' | 'setup') {
    const claims = tokens.verifyMfa(mfaToken);
    if (!claims || claims.purpose !== purpose)
      throw new UnauthorizedError('The sign-in step has expired; sign in again');
    const [user] = await db
      .select()
      .from(users)
      .where(and(eq(users.id, claims.sub), isNull(users.deletedAt), eq(users.isActive, true)));
    if (!user) throw new UnauthorizedError('The sign-in step has expired; sign in again');
    return user;
  }

  /** The user enrolling in MFA: mid-login (setup token) or signed in; refused once enrolled. */
  async function userEnrolling(target: EnrolmentTarget) {
    const [user] = target.mfaToken
      ? [await userForMfa(target.mfaToken, 'setup')]
      : await db
          .select()
          .from(users)
          .where(and(eq(users.id, target.userId ?? ''), isNull(users.deletedAt)));
    if (!user) throw new UnauthorizedError();
    if (user.mfaEnabledAt) throw new UnprocessableError('Multi-factor authentication is already enabled');
    return user;
  }

  return {
    loadMe,

    async login(email: string, password: string): Promise<LoginOutcome> {
      const lockedFor = await lockout.lockedFor(email);
      const [user] = await db
        .select()
        .from(users)
        .where(and(eq(users.email, email), isNull(users.deletedAt)));
      // Always run one bcrypt comparison so the answer takes as long whether or not the account exists.
      const passwordOk = await verifyPassword(password, user?.passwordHash ?? dummyHash);
      const failure = async (reason: string) => {
        const lockedNow = await lockout.recordFailure(email);
        await audit.record({
          action: 'LOGIN_FAILURE',
          entityType: 'user',
          entityId: user?.id ?? null,
          classification: 'SECURITY',
          outcome: 'FAILURE',
          metadata: { email, reason },
          actor: { id: null, role: null },
        });
        if (lockedNow) {
          await audit.record({
            action: 'ACCOUNT_LOCKED',
            entityType: 'user',
            entityId: user?.id ?? null,
            classification: 'SECURITY',
            outcome: 'FAILURE',
            metadata: { email, minutes: 30 },
            actor: { id: null, role: null },
          });
          throw new AccountLockedError(30 * 60);
        }
        throw new UnauthorizedError(INVALID_CREDENTIALS);
      };
      if (lockedFor > 0) {
        await audit.record({
          action: 'LOGIN_FAILURE',
          entityType: 'user',
          entityId: user?.id ?? null,
          classification: 'SECURITY',
          outcome: 'FAILURE',
          metadata: { email, reason: 'locked' },
          actor: { id: null, role: null },
        });
        throw new AccountLockedError(lockedFor);
      }
      if (!user || !passwordOk) return failure(user ? 'wrong_password' : 'unknown_email');
      if (!user.isActive) return failure('inactive');
      // The failure count stays until the whole sign-in succeeds (completeLogin), so wrong MFA
      // codes keep adding up however often the password step is passed again.
      if (user.mfaEnabledAt && user.mfaSecret) {
        return { status: 'mfa_required', mfaToken: tokens.signMfa({ sub: user.id, purpose: 'verify' }) };
      }
      if (MFA_REQUIRED_ROLES.includes(user.role)) {
        return { status: 'mfa_setup_required', mfaToken: tokens.signMfa({ sub: user.id, purpose: 'setup' }) };
      }
      return completeLogin(user, 'password');
    },

    /** Second step: a TOTP code not used before, or an unused recovery code. */
    async verifyMfa(mfaToken: string, code: string): Promise<LoginOutcome> {
      const user = await userForMfa(mfaToken, 'verify');
      // Wrong codes count towards the same lockout as wrong passwords, so codes cannot be guessed.
      const lockedFor = await lockout.lockedFor(user.email);
      if (lockedFor > 0) throw new AccountLockedError(lockedFor);
      const totp = await spendTotpCode(db, user, code);
      if (totp === 'accepted') return completeLogin(user, 'totp');
      const used = await db
        .update(mfaRecoveryCodes)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(mfaRecoveryCodes.userId, user.id),
            eq(mfaRecoveryCodes.codeHash, hashRecoveryCode(code)),
            isNull(mfaRecoveryCodes.usedAt),
          ),
        )
        .returning({ id: mfaRecoveryCodes.id });
      if (used.length > 0) return completeLogin(user, 'recovery_code');
      await audit.record({
        action: 'MFA_FAILURE',
        entityType: 'user',
        entityId: user.id,
        classification: 'SECURITY',
        outcome: 'FAILURE',
        metadata: { reason: totp === 'replayed' ? 'code_already_used' : 'wrong_code' },
        actor: { id: user.id, role: user.role },
      });
      if (await lockout.recordFailure(user.email)) throw new AccountLockedError(30 * 60);
      throw new UnauthorizedError(
        totp === 'replayed' ? 'This code has already been used; wait for the next one' : 'The code is not valid',
      );
    },

    /** Starts enrolment: a fresh secret, kept pending until a code from it is confirmed. */
    async setupMfa(target: EnrolmentTarget) {
      const user = await userEnrolling(target);
      const secret = newTotpSecret();
      await db
        .update(users)
        .set({ mfaSecret: secrets.seal(secret), mfaLastStep: null, updatedAt: new Date() })
        .where(eq(users.id, user.id));
      return { secret, otpauthUrl: otpauthUrl(user.email, secret) };
    },

    /** Confirms enrolment with a code; returns recovery codes (shown once) and, mid-login, the session. */
    async enableMfa(target: EnrolmentTarget, code: string) {
      const user = await userEnrolling(target);
      if (!user.mfaSecret) throw new UnprocessableError('Start enrolment first (POST /auth/mfa/setup)');
      const recoveryCodes = newRecoveryCodes();
      await db.transaction(async (tx) => {
        // The confirming code is spent too: it cannot then sign in a second time.
        if ((await spendTotpCode(tx, user, code)) !== 'accepted') throw new UnauthorizedError('The code is not valid');
        await tx.update(users).set({ mfaEnabledAt: new Date(), updatedAt: new Date() }).where(eq(users.id, user.id));
        await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, user.id));
        await tx
          .insert(mfaRecoveryCodes)
          .values(recoveryCodes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c) })));
        await audit.record(
          {
            action: 'MFA_ENABLED',
            entityType: 'user',
            entityId: user.id,
            classification: 'SECURITY',
            actor: { id: user.id, role: user.role },
          },
          tx,
        );
      });
      const session = target.mfaToken ? await completeLogin(user, 'totp_enrolment') : undefined;
      return { recoveryCodes, session };
    },

    async disableMfa(userId: string, password: string, code: string) {
      const [user] = await db.select().from(users).where(eq(users.id, userId));
      if (!user) throw new UnauthorizedError();
      if (MFA_REQUIRED_ROLES.includes(user.role)) {
        throw new UnprocessableError('Multi-factor authentication is required for your role and cannot be turned off');
      }
      const ok =
        (await verifyPassword(password, user.passwordHash)) && (await spendTotpCode(db, user, code)) === 'accepted';
      if (!ok) throw new UnauthorizedError('Password or code is not valid');
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ mfaEnabledAt: null, mfaSecret: null, mfaLastStep: null, updatedAt: new Date() })
          .where(eq(users.id, userId));
        await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
        await audit.record(
          { action: 'MFA_DISABLED', entityType: 'user', entityId: userId, classification: 'SECURITY' },
          tx,
        );
      });
    },

    /** Rotates a refresh token; presenting an already-rotated one revokes its whole session family. */
    async refresh(refreshToken: string): Promise<{ user: Me; tokens: IssuedTokens }> {
      const found = await sessions.findRefresh(refreshToken);
      if (!found) throw new UnauthorizedError('Session expired; sign in again');
      const actor = { id: found.userId, role: found.role };
      if (found.rotatedAt) {
        await db.transaction(async (tx) => {
          await sessions.revoke(tx, found.sessionId, 'refresh_token_reuse');
          await audit.record(
            {
              action: 'REFRESH_TOKEN_REUSE',
              entityType: 'session',
              entityId: found.sessionId,
              classification: 'SECURITY',
              outcome: 'DENIED',
              actor,
            },
            tx,
          );
        });
        throw new UnauthorizedError('Session expired; sign in again');
      }
      const now = Date.now();
      if (
        found.revokedAt ||
        found.sessionExpiresAt.getTime() <= now ||
        found.tokenExpiresAt.getTime() <= now ||
        !found.isActive ||
        found.deletedAt
      ) {
        throw new UnauthorizedError('Session expired; sign in again');
      }
      return db.transaction(async (tx) => {
        const issued = await sessions.rotate(tx, found.tokenId, found.sessionId, actor);
        if (!issued) {
          // Lost a race with another use of the same token: that is reuse too.
          await sessions.revoke(tx, found.sessionId, 'refresh_token_reuse');
          throw new UnauthorizedError('Session expired; sign in again');
        }
        const user = await loadMe(tx, found.userId);
        if (!user) throw new UnauthorizedError('Session expired; sign in again');
        return { user, tokens: issued };
      });
    },

    async logout(sessionId: string): Promise<void> {
      await db.transaction(async (tx) => {
        await sessions.revoke(tx, sessionId, 'logout');
        await audit.record(
          { action: 'LOGOUT', entityType: 'session', entityId: sessionId, classification: 'SECURITY' },
          tx,
        );
      });
    },

    /** Session id behind a refresh token, so logout works with only the refresh cookie. */
    async sessionOfRefreshToken(refreshToken: string): Promise<string | null> {
      return (await sessions.findRefresh(refreshToken))?.sessionId ?? null;
    },
  };
}
