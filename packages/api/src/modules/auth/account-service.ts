import type { Database, Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { PASSWORD_HISTORY_DEPTH, type Role } from '@caretracker/shared';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Config } from '../../config/config';
import { UnauthorizedError, UnprocessableError, ValidationError } from '../../errors/app-errors';
import type { Mailer } from '../../infra/mailer';
import type { AuditService } from '../audit/service';
import type { createLockout } from './lockout';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from './passwords';
import type { SessionStore } from './sessions';
import { randomToken, sha256 } from './tokens';

const { users, passwordHistory, oneTimeTokens } = schema;
const ONE_HOUR_MS = 3_600_000;

export type AccountService = ReturnType<typeof createAccountService>;

/** Password change and reset, and email verification: everything that proves or changes a credential. */
export function createAccountService(deps: {
  db: Database;
  config: Config;
  mailer: Mailer;
  sessions: SessionStore;
  lockout: ReturnType<typeof createLockout>;
  audit: AuditService;
}) {
  const { db, config, mailer, sessions, audit } = deps;

  async function assertNotRecent(userId: string, password: string): Promise<void> {
    const recent = await db
      .select({ hash: passwordHistory.passwordHash })
      .from(passwordHistory)
      .where(eq(passwordHistory.userId, userId))
      .orderBy(desc(passwordHistory.createdAt))
      .limit(PASSWORD_HISTORY_DEPTH);
    for (const { hash } of recent) {
      if (await verifyPassword(password, hash)) {
        throw new ValidationError('Password was used recently', [
          {
            field: 'body.newPassword',
            message: `Password must differ from your last ${PASSWORD_HISTORY_DEPTH} passwords`,
          },
        ]);
      }
    }
  }

  async function storePassword(executor: Executor, userId: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password, config.BCRYPT_SALT_ROUNDS);
    await executor
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date(), updatedBy: userId })
      .where(eq(users.id, userId));
    await executor.insert(passwordHistory).values({ userId, passwordHash });
  }

  async function issueToken(userId: string, purpose: 'EMAIL_VERIFY' | 'PASSWORD_RESET'): Promise<string> {
    const token = randomToken();
    await db.transaction(async (tx) => {
      // A new link replaces any earlier one of the same kind.
      await tx
        .update(oneTimeTokens)
        .set({ usedAt: new Date() })
        .where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)));
      await tx
        .insert(oneTimeTokens)
        .values({ userId, purpose, tokenHash: sha256(token), expiresAt: new Date(Date.now() + ONE_HOUR_MS) });
    });
    return token;
  }

  /** Marks a token used, once: a second use of the same token finds nothing. */
  async function consumeToken(executor: Executor, token: string, purpose: 'EMAIL_VERIFY' | 'PASSWORD_RESET') {
    const [row] = await executor
      .update(oneTimeTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(oneTimeTokens.tokenHash, sha256(token)),
          eq(oneTimeTokens.purpose, purpose),
          isNull(oneTimeTokens.usedAt),
          gt(oneTimeTokens.expiresAt, new Date()),
        ),
      )
      .returning({ userId: oneTimeTokens.userId });
    return row ?? null;
  }

  /** A link into the app the user signs in to (its /reset-password or /verify-email page). */
  const link = (role: Role, path: string, token: string) => {
    const app =
      role === 'CLIENT' ? config.WEB_APP_URL : role === 'WORKER' ? config.MOBILE_WEB_APP_URL : config.ADMIN_APP_URL;
    return `${app.replace(/\/+$/, '')}${path}?token=${encodeURIComponent(token)}`;
  };

  return {
    async changePassword(input: {
      userId: string;
      sessionId: string;
      currentPassword: string;
      newPassword: string;
      endOtherSessions: boolean;
    }) {
      const [user] = await db.select().from(users).where(eq(users.id, input.userId));
      if (!user) throw new UnauthorizedError();
      if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
        throw new ValidationError('Current password is not correct', [
          { field: 'body.currentPassword', message: 'is not correct' },
        ]);
      }
      assertPasswordAcceptable(input.newPassword, user);
      await assertNotRecent(user.id, input.newPassword);
      let endedSessions = 0;
      await db.transaction(async (tx) => {
        await storePassword(tx, user.id, input.newPassword);
        if (input.endOtherSessions) {
          endedSessions = await sessions.revokeAllForUser(tx, user.id, 'password_changed', input.sessionId);
        }
        await audit.record(
          {
            action: 'PASSWORD_CHANGED',
            entityType: 'user',
            entityId: user.id,
            classification: 'SECURITY',
            metadata: { endedSessions },
          },
          tx,
        );
      });
      return { endedSessions };
    },

    /**
     * Mails a link only when the account exists and is active. Records the request and returns the account's part (a token and its email), or null when no
     * account matches. The caller answers first and runs it after, so how long the answer takes
     * (an SMTP round trip, a queue) cannot tell which addresses have accounts.
     */
    async requestPasswordReset(email: string): Promise<(() => Promise<void>) | null> {
      const [user] = await db
        .select()
        .from(users)
        .where(and(eq(users.email, email), isNull(users.deletedAt), eq(users.isActive, true)));
      await audit.record({
        action: 'PASSWORD_RESET_REQUESTED',
        entityType: 'user',
        entityId: user?.id ?? null,
        classification: 'SECURITY',
        metadata: { email, accountFound: Boolean(user) },
        actor: { id: null, role: null },
      });
      if (!user) return null;
      return async () => {
        const token = await issueToken(user.id, 'PASSWORD_RESET');
        await mailer.send({
          to: user.email,
          subject: 'Reset your CareTracker password',
          text: [
            `Hello ${user.firstName},`,
            '',
            'Someone asked to reset the password of your CareTracker account. To choose a new password, open this link within one hour:',
            link(user.role, '/reset-password', token),
            '',
            `Reset code: ${token}`,
            '',
            'If this was not you, ignore this email; your password stays as it is.',
          ].join('\n'),
        });
      };
    },

    async resetPassword(token: string, newPassword: string): Promise<void> {
      const pending = await db
        .select({ userId: oneTimeTokens.userId })
        .from(oneTimeTokens)
        .where(
          and(
            eq(oneTimeTokens.tokenHash, sha256(token)),
            eq(oneTimeTokens.purpose, 'PASSWORD_RESET'),
            isNull(oneTimeTokens.usedAt),
            gt(oneTimeTokens.expiresAt, new Date()),
          ),
        );
      const userId = pending[0]?.userId;
      const [user] = userId
        ? await db
            .select()
            .from(users)
            .where(and(eq(users.id, userId), isNull(users.deletedAt)))
        : [];
      if (!user) throw new UnprocessableError('This reset link is invalid or has expired; ask for a new one');
      assertPasswordAcceptable(newPassword, user);
      await assertNotRecent(user.id, newPassword);
      await db.transaction(async (tx) => {
        if (!(await consumeToken(tx, token, 'PASSWORD_RESET'))) {
          throw new UnprocessableError('This reset link is invalid or has expired; ask for a new one');
        }
        await storePassword(tx, user.id, newPassword);
        await sessions.revokeAllForUser(tx, user.id, 'password_reset');
        // The emailed link proves the owner: it is their way back from a lockout (5 wrong guesses
        // by anyone lock an account), so the lock ends with the reset.
        const unlocked = await deps.lockout.clear(user.email, tx);
        await audit.record(
          {
            action: 'PASSWORD_RESET',
            entityType: 'user',
            entityId: user.id,
            classification: 'SECURITY',
            metadata: { unlocked },
            actor: { id: user.id, role: user.role },
          },
          tx,
        );
      });
    },

    async sendEmailVerification(userId: string): Promise<void> {
      const [user] = await db.select().from(users).where(eq(users.id, userId));
      if (!user) throw new UnauthorizedError();
      if (user.emailVerifiedAt) throw new UnprocessableError('Your email address is already verified');
      const token = await issueToken(user.id, 'EMAIL_VERIFY');
      await mailer.send({
        to: user.email,
        subject: 'Confirm your CareTracker email address',
        text: [
          `Hello ${user.firstName},`,
          '',
          'Please confirm this is your email address by opening this link within one hour:',
          link(user.role, '/verify-email', token),
          '',
          `Verification code: ${token}`,
        ].join('\n'),
      });
    },

    async verifyEmail(token: string): Promise<void> {
      await db.transaction(async (tx) => {
        const consumed = await consumeToken(tx, token, 'EMAIL_VERIFY');
        if (!consumed)
          throw new UnprocessableError('This verification link is invalid or has expired; ask for a new one');
        await tx
          .update(users)
          .set({ emailVerifiedAt: new Date(), updatedAt: new Date() })
          .where(eq(users.id, consumed.userId));
        await audit.record(
          {
            action: 'EMAIL_VERIFIED',
            entityType: 'user',
            entityId: consumed.userId,
            classification: 'SECURITY',
            actor: { id: consumed.userId, role: null },
          },
          tx,
        );
      });
    },
  };
}
