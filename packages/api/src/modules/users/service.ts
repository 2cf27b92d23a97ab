import type { Database } from '@caretracker/database';
import { schema } from '@caretracker/database';
import {
  CREATABLE_ROLES,
  type CreateUserInput,
  canDeleteUsers,
  canUnlockAccounts,
  type ListUsersQuery,
  type Role,
  secondsRemaining,
  type UpdateUserInput,
  type UserRelation,
  type UserView,
} from '@caretracker/shared';
import type { Config } from '../../config/config';
import type { Actor } from '../../context/request-context';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../../errors/app-errors';
import { type AuditService, changedValues } from '../audit/service';
import type { AccountService } from '../auth/account-service';
import type { Lockout } from '../auth/lockout';
import { assertPasswordAcceptable, hashPassword } from '../auth/passwords';
import type { SessionStore } from '../auth/sessions';
import { activeBreakGlassGrant } from '../break-glass/service';
import {
  emailTaken,
  findLiveUser,
  listVisibleUsers,
  softDeleteUser,
  teamMemberCount,
  type UserRecord,
  writeUserChanges,
} from './queries';
import { relationToVisible } from './relations';
import {
  assertTeamPlacement,
  classificationOf,
  conflictFromDatabase,
  emailConflict,
  fieldsRefused,
  refusedFields,
} from './rules';
import { flatValues, profileColumns, requestedFields, requestedValues, shapeUser, showsClientPhi } from './shape';

const { users, profiles, passwordHistory } = schema;

export interface UsersDeps {
  db: Database;
  config: Config;
  audit: AuditService;
  sessions: SessionStore;
  account: AccountService;
  lockout: Lockout;
}

export type UsersService = ReturnType<typeof createUsersService>;

/**
 * People: list, read, create, update and soft-delete users, each checked per record against the
 * role matrix in `@caretracker/shared` and shaped to the field groups the caller may read.
 */
export function createUsersService(deps: UsersDeps) {
  const { db, config, audit, sessions, account, lockout } = deps;

  /** The record and the caller's relation to it; a record the caller may not see is a 404. */
  /** 404 for a record the caller may not see; a non-admin's attempt is audited as a denial. */
  async function denyInvisible(actor: Actor, id: string, action: string): Promise<never> {
    if (actor.role !== 'ADMIN') await audit.recordDenied('user', id, `relation none (${action})`);
    throw new NotFoundError('User');
  }

  async function requireVisible(actor: Actor, id: string, action: string) {
    const record = await findLiveUser(db, id, { visibleTo: actor });
    if (!record) return denyInvisible(actor, id, action);
    return { record, relation: relationToVisible(actor, id) };
  }

  /** 403 naming every field the relation may not write; nothing is written. */
  async function assertWritable(actor: Actor, relation: UserRelation, fields: string[], targetId: string | null) {
    const refused = refusedFields(actor.role, relation, fields);
    if (refused.length === 0) return;
    await audit.recordDenied('user', targetId, `fields not writable: ${refused.join(', ')}`);
    throw fieldsRefused(refused);
  }

  async function recordPhiReads(records: UserRecord[], actor: Actor) {
    const read = records.filter((record) => showsClientPhi(record, actor.role, relationToVisible(actor, record.id)));
    if (read.length === 0) return;
    await db.transaction(async (tx) => {
      for (const record of read) await audit.recordPhiRead('user', record.id, tx);
    });
  }

  /** A view that shows the account group also says whether sign-in is locked, and until when. */
  async function withLockState(view: UserView, record: UserRecord): Promise<UserView> {
    if (view.email === undefined) return view;
    const until = await lockout.lockedUntil(record.email);
    return { ...view, lockedUntil: until?.toISOString() ?? null };
  }

  async function loadShaped(id: string, actor: Actor): Promise<UserView> {
    const record = await findLiveUser(db, id);
    if (!record) throw new NotFoundError('User');
    return shapeUser(record, actor.role, relationToVisible(actor, id));
  }

  return {
    async list(actor: Actor, query: ListUsersQuery) {
      const { rows, total } = await listVisibleUsers(db, actor, query);
      await recordPhiReads(rows, actor);
      return {
        data: rows.map((record) => shapeUser(record, actor.role, relationToVisible(actor, record.id))),
        pagination: { page: query.page, limit: query.limit, total, totalPages: Math.ceil(total / query.limit) },
      };
    },

    async get(actor: Actor, id: string): Promise<UserView> {
      const record = await findLiveUser(db, id, { visibleTo: actor });
      if (record) {
        const relation = relationToVisible(actor, id);
        if (showsClientPhi(record, actor.role, relation)) await audit.recordPhiRead('user', id);
        return withLockState(shapeUser(record, actor.role, relation), record);
      }
      // Not visible: only a supervisor's live break-glass grant opens it (looked up only now, off the usual path).
      const grant = actor.role === 'SUPERVISOR' ? await activeBreakGlassGrant(db, actor.id, id) : null;
      const opened = grant ? await findLiveUser(db, id) : null;
      if (!grant || !opened) return denyInvisible(actor, id, 'read');
      // Emergency reads are always audited and flagged, whatever HIPAA_AUDIT_ENABLED says.
      await audit.record({
        action: 'PHI_READ',
        entityType: 'user',
        entityId: id,
        classification: 'PHI',
        metadata: { breakGlassGrantId: grant.id },
      });
      const view = await withLockState(shapeUser(opened, actor.role, 'emergency'), opened);
      return {
        ...view,
        breakGlass: {
          grantId: grant.id,
          expiresAt: grant.expiresAt.toISOString(),
          remainingSeconds: secondsRemaining(grant.expiresAt),
        },
      };
    },

    async create(actor: Actor, body: CreateUserInput): Promise<UserView> {
      if (!CREATABLE_ROLES[actor.role].includes(body.role)) {
        await audit.recordDenied('user', null, `may not create a ${body.role}`);
        throw new ForbiddenError(`You may not create a ${body.role.toLowerCase()}`);
      }
      let supervisorId = body.supervisorId ?? null;
      if (actor.role === 'SUPERVISOR') {
        if (supervisorId !== null && supervisorId !== actor.id) {
          await audit.recordDenied('user', null, 'supervisor creating into another team');
          throw new ForbiddenError('Supervisors add people to their own team only');
        }
        supervisorId = actor.id;
      }
      // The new user joins the supervisor's team; an admin relates to everyone as `none`, granted all.
      const relation: UserRelation = actor.role === 'SUPERVISOR' ? 'team' : 'none';
      await assertWritable(actor, relation, requestedFields({ profile: body.profile }), null);
      await assertTeamPlacement(db, body.role, supervisorId);
      assertPasswordAcceptable(
        body.password,
        { email: body.email, firstName: body.firstName, lastName: body.lastName },
        'password',
      );
      if (await emailTaken(db, body.email)) throw emailConflict();
      const passwordHash = await hashPassword(body.password, config.BCRYPT_SALT_ROUNDS);

      const id = await db
        .transaction(async (tx) => {
          const [created] = await tx
            .insert(users)
            .values({
              email: body.email,
              passwordHash,
              role: body.role,
              firstName: body.firstName,
              lastName: body.lastName,
              supervisorId,
              createdBy: actor.id,
              updatedBy: actor.id,
            })
            .returning({ id: users.id });
          if (!created) throw new Error('user insert returned nothing');
          await tx.insert(profiles).values({
            userId: created.id,
            ...profileColumns(body.profile ?? {}),
            createdBy: actor.id,
            updatedBy: actor.id,
          });
          await tx.insert(passwordHistory).values({ userId: created.id, passwordHash });
          const { password: _password, profile = {}, ...identity } = body;
          await audit.record(
            {
              action: 'USER_CREATED',
              entityType: 'user',
              entityId: created.id,
              classification: classificationOf(body.role),
              newValues: { ...identity, supervisorId, profile },
            },
            tx,
          );
          return created.id;
        })
        .catch(conflictFromDatabase);

      await account.sendEmailVerification(id);
      return loadShaped(id, actor);
    },

    async update(actor: Actor, id: string, body: UpdateUserInput): Promise<UserView> {
      const { relation } = await requireVisible(actor, id, 'update');
      await assertWritable(actor, relation, requestedFields(body), id);
      if (relation === 'self' && (body.isActive === false || (body.role !== undefined && body.role !== actor.role))) {
        throw new UnprocessableError('You cannot deactivate yourself or change your own role; ask another admin');
      }
      if (body.email !== undefined && (await emailTaken(db, body.email, id))) throw emailConflict();

      const { record, emailChanged } = await db
        .transaction(async (tx) => {
          const before = await findLiveUser(tx, id, { lock: true });
          if (!before) throw new NotFoundError('User');
          if (body.version !== undefined && body.version !== before.version) {
            throw new ConflictError('This user was changed by someone else; reload and try again', {
              currentVersion: before.version,
            });
          }
          const { oldValues, newValues } = changedValues(flatValues(before), requestedValues(body));
          if (Object.keys(newValues).length === 0) return { record: before, emailChanged: false };
          const role = (newValues.role as Role | undefined) ?? before.role;
          if ('role' in newValues || 'supervisorId' in newValues) {
            await assertTeamPlacement(
              tx,
              role,
              'supervisorId' in newValues ? (newValues.supervisorId as string | null) : before.supervisorId,
            );
          }

          await writeUserChanges(tx, id, newValues, actor.id);
          // A deactivated user is signed out everywhere; a new role must not ride on old tokens.
          if (newValues.isActive === false) await sessions.revokeAllForUser(tx, id, 'deactivated');
          else if ('role' in newValues) await sessions.revokeAllForUser(tx, id, 'role_changed');
          await audit.record(
            {
              action: 'USER_UPDATED',
              entityType: 'user',
              entityId: id,
              classification: classificationOf(before.role),
              oldValues,
              newValues,
            },
            tx,
          );
          return { record: await findLiveUser(tx, id), emailChanged: 'email' in newValues };
        })
        .catch(conflictFromDatabase);

      if (!record) throw new NotFoundError('User');
      if (emailChanged) await account.sendEmailVerification(id);
      return shapeUser(record, actor.role, relation);
    },

    /**
     * Ends a sign-in lockout early (admins): the way back for someone whose account others locked
     * with wrong guesses. Forgets the failure count too; audited whether or not a lock was running.
     */
    async unlock(actor: Actor, id: string): Promise<UserView> {
      const { record, relation } = await requireVisible(actor, id, 'unlock');
      if (!canUnlockAccounts(actor.role)) {
        await audit.recordDenied('user', id, 'role may not unlock accounts');
        throw new ForbiddenError('Only admins unlock accounts; the account owner can also reset their password');
      }
      await db.transaction(async (tx) => {
        const wasLocked = await lockout.clear(record.email, tx);
        await audit.record(
          {
            action: 'ACCOUNT_UNLOCKED',
            entityType: 'user',
            entityId: id,
            classification: 'SECURITY',
            metadata: { wasLocked },
          },
          tx,
        );
      });
      return { ...shapeUser(record, actor.role, relation), lockedUntil: null };
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const { record, relation } = await requireVisible(actor, id, 'delete');
      if (!canDeleteUsers(actor.role)) {
        await audit.recordDenied('user', id, 'role may not delete users');
        throw new ForbiddenError('Only admins delete users');
      }
      if (relation === 'self') throw new UnprocessableError('You cannot delete your own account; ask another admin');
      if (record.role === 'SUPERVISOR' && (await teamMemberCount(db, id)) > 0) {
        throw new UnprocessableError(
          'This supervisor still leads a team; move their workers and clients to another supervisor first',
        );
      }
      await db.transaction(async (tx) => {
        const deletedAt = new Date();
        const deleted = await softDeleteUser(tx, id, deletedAt, actor.id);
        if (!deleted) throw new NotFoundError('User');
        await sessions.revokeAllForUser(tx, id, 'deleted');
        await audit.record(
          {
            action: 'USER_DELETED',
            entityType: 'user',
            entityId: id,
            classification: classificationOf(record.role),
            oldValues: { isActive: record.isActive, deletedAt: null },
            newValues: { isActive: false, deletedAt },
          },
          tx,
        );
      });
    },
  };
}
