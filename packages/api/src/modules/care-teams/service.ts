import { schema } from '@caretracker/database';
import {
  type AssignCareTeamBody,
  type CareTeam,
  type CareTeamMember,
  type ChangeCareTeamBody,
  dateInZone,
  type EndCareTeamBody,
} from '@caretracker/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../../errors/app-errors';
import { activeBreakGlassGrant } from '../break-glass/service';
import type { ModuleDeps } from '../module-deps';
import { visibleUsersCondition } from '../users/relations';
import {
  type AssignmentRow,
  findAssignment,
  findAssignmentOfWorker,
  listMembers,
  otherPrimary,
  writeAssignment,
} from './queries';

const { users, careTeamAssignments } = schema;
type Executor = ModuleDeps['db'];

export type CareTeamsService = ReturnType<typeof createCareTeamsService>;

const OFFICE_ROLES = new Set(['ADMIN', 'SUPERVISOR']);

/**
 * A client's care team: admins manage anyone's, supervisors the clients of their team (with
 * workers of their team). Everyone else is refused (403); a client outside the caller's team is a
 * 404, like a client that does not exist. Reads and writes are audited under `care_team` with the
 * client's id, so they show on the client's audit trail.
 */
export function createCareTeamsService(deps: Pick<ModuleDeps, 'db' | 'config' | 'audit'>) {
  const { db, config, audit } = deps;
  const today = () => dateInZone(new Date(), config.AGENCY_TIMEZONE);

  async function assertOffice(actor: Actor, clientId: string) {
    if (OFFICE_ROLES.has(actor.role)) return;
    await audit.recordDenied('care_team', clientId, 'role may not manage care teams');
    throw new ForbiddenError('Only the office manages care teams');
  }

  async function visibleClient(executor: Executor, actor: Actor, clientId: string) {
    const [client] = await executor
      .select({ id: users.id, supervisorId: users.supervisorId })
      .from(users)
      .where(
        and(eq(users.id, clientId), eq(users.role, 'CLIENT'), isNull(users.deletedAt), visibleUsersCondition(actor)),
      );
    return client ?? null;
  }

  async function requireClient(actor: Actor, clientId: string, action: string) {
    await assertOffice(actor, clientId);
    const client = await visibleClient(db, actor, clientId);
    if (client) return client;
    if (actor.role !== 'ADMIN') await audit.recordDenied('care_team', clientId, `client outside the team (${action})`);
    throw new NotFoundError('Client');
  }

  /** A live, active worker the caller may put on a team (supervisors: their own team's); else 422. */
  async function requireWorker(executor: Executor, actor: Actor, workerId: string) {
    const [worker] = await executor
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.id, workerId),
          eq(users.role, 'WORKER'),
          eq(users.isActive, true),
          isNull(users.deletedAt),
          actor.role === 'ADMIN' ? undefined : eq(users.supervisorId, actor.id),
        ),
      );
    if (worker) return;
    if (actor.role !== 'ADMIN') await audit.recordDenied('care_team', null, 'worker outside the team');
    throw new UnprocessableError('Choose an active care worker of your team', [
      { field: 'workerId', message: 'Choose an active care worker of your team' },
    ]);
  }

  /** The database keeps one primary per client: the one there was steps back to backup. */
  async function demoteOtherPrimary(tx: Executor, actor: Actor, clientId: string, exceptId: string | null) {
    const previous = await otherPrimary(tx, clientId, exceptId);
    if (!previous) return;
    await writeAssignment(tx, previous.id, { assignmentRole: 'BACKUP' }, actor.id);
    await recordChange(tx, 'CARE_TEAM_CHANGED', previous, { assignmentRole: 'PRIMARY' }, { assignmentRole: 'BACKUP' });
  }

  async function recordChange(
    tx: Executor,
    action: string,
    row: AssignmentRow,
    oldValues: Record<string, unknown> | null,
    newValues: Record<string, unknown>,
  ) {
    await audit.record(
      {
        action,
        entityType: 'care_team',
        entityId: row.clientId,
        classification: 'PHI',
        oldValues,
        newValues,
        metadata: { assignmentId: row.id, workerId: row.workerId },
      },
      tx,
    );
  }

  async function memberAfter(clientId: string, id: string): Promise<CareTeamMember> {
    const member = (await listMembers(db, clientId, today())).find((candidate) => candidate.id === id);
    if (!member) throw new NotFoundError('Care team member');
    return member;
  }

  function assertDates(startsOn: string, endsOn: string | null) {
    if (endsOn !== null && endsOn < startsOn) {
      throw new UnprocessableError('The last day cannot be before the first day', [
        { field: 'endsOn', message: 'The last day cannot be before the first day' },
      ]);
    }
  }

  async function readTeam(clientId: string, supervisorId: string | null): Promise<CareTeam> {
    const [supervisor] = supervisorId
      ? await db
          .select({ id: users.id, firstName: users.firstName, lastName: users.lastName })
          .from(users)
          .where(and(eq(users.id, supervisorId), isNull(users.deletedAt)))
      : [];
    return { clientId, supervisor: supervisor ?? null, members: await listMembers(db, clientId, today()) };
  }

  return {
    async get(actor: Actor, clientId: string): Promise<CareTeam> {
      await assertOffice(actor, clientId);
      const client = await visibleClient(db, actor, clientId);
      if (client) {
        await audit.recordPhiRead('care_team', clientId);
        return readTeam(clientId, client.supervisorId);
      }
      // A supervisor's live break-glass grant opens the record, and its care team with it (always audited).
      const grant = actor.role === 'SUPERVISOR' ? await activeBreakGlassGrant(db, actor.id, clientId) : null;
      const opened = grant ? await visibleClient(db, { ...actor, role: 'ADMIN' }, clientId) : null;
      if (!grant || !opened) {
        if (actor.role !== 'ADMIN') await audit.recordDenied('care_team', clientId, 'client outside the team (read)');
        throw new NotFoundError('Client');
      }
      await audit.record({
        action: 'PHI_READ',
        entityType: 'care_team',
        entityId: clientId,
        classification: 'PHI',
        metadata: { breakGlassGrantId: grant.id },
      });
      return readTeam(clientId, opened.supervisorId);
    },

    async assign(actor: Actor, clientId: string, body: AssignCareTeamBody): Promise<CareTeamMember> {
      await requireClient(actor, clientId, 'assign');
      const startsOn = body.startsOn ?? today();
      const endsOn = body.endsOn ?? null;
      assertDates(startsOn, endsOn);
      const id = await db.transaction(async (tx) => {
        await requireWorker(tx, actor, body.workerId);
        const existing = await findAssignmentOfWorker(tx, clientId, body.workerId);
        if (existing && (existing.endsOn === null || existing.endsOn >= today())) {
          throw new ConflictError('This care worker is already on the care team; change their assignment instead', {
            assignmentId: existing.id,
          });
        }
        if (body.assignmentRole === 'PRIMARY') await demoteOtherPrimary(tx, actor, clientId, existing?.id ?? null);
        const values = { assignmentRole: body.assignmentRole, startsOn, endsOn };
        // An ended assignment of the same worker comes back (one live row per client and worker).
        const row = existing
          ? await writeAssignment(tx, existing.id, values, actor.id)
          : (
              await tx
                .insert(careTeamAssignments)
                .values({ clientId, workerId: body.workerId, ...values, createdBy: actor.id, updatedBy: actor.id })
                .returning()
            )[0];
        if (!row) throw new Error('care team insert returned nothing');
        await recordChange(
          tx,
          'CARE_TEAM_ASSIGNED',
          row,
          existing
            ? { assignmentRole: existing.assignmentRole, startsOn: existing.startsOn, endsOn: existing.endsOn }
            : null,
          values,
        );
        return row.id;
      });
      return memberAfter(clientId, id);
    },

    async change(actor: Actor, clientId: string, id: string, body: ChangeCareTeamBody): Promise<CareTeamMember> {
      await requireClient(actor, clientId, 'change');
      await db.transaction(async (tx) => {
        const before = await findAssignment(tx, clientId, id, true);
        if (!before) throw new NotFoundError('Care team member');
        if (body.version !== undefined && body.version !== before.version) {
          throw new ConflictError('This assignment was changed by someone else; reload and try again', {
            currentVersion: before.version,
          });
        }
        const after = {
          assignmentRole: body.assignmentRole ?? before.assignmentRole,
          startsOn: body.startsOn ?? before.startsOn,
          endsOn: body.endsOn === undefined ? before.endsOn : body.endsOn,
        };
        assertDates(after.startsOn, after.endsOn);
        const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => after[key] !== before[key]);
        if (changed.length === 0) return;
        if (after.assignmentRole === 'PRIMARY' && before.assignmentRole !== 'PRIMARY') {
          await demoteOtherPrimary(tx, actor, clientId, id);
        }
        const values = Object.fromEntries(changed.map((key) => [key, after[key]]));
        await writeAssignment(tx, id, values, actor.id);
        await recordChange(
          tx,
          'CARE_TEAM_CHANGED',
          before,
          Object.fromEntries(changed.map((key) => [key, before[key]])),
          values,
        );
      });
      return memberAfter(clientId, id);
    },

    /** Ends an assignment on a day (default today); one that has not started yet is withdrawn. */
    async end(actor: Actor, clientId: string, id: string, body: EndCareTeamBody): Promise<{ withdrawn: boolean }> {
      await requireClient(actor, clientId, 'end');
      const endsOn = body.endsOn ?? today();
      return db.transaction(async (tx) => {
        const before = await findAssignment(tx, clientId, id, true);
        if (!before) throw new NotFoundError('Care team member');
        const withdrawn = endsOn < before.startsOn;
        if (withdrawn) await writeAssignment(tx, id, { deletedAt: new Date() }, actor.id);
        else await writeAssignment(tx, id, { endsOn }, actor.id);
        await recordChange(
          tx,
          'CARE_TEAM_ENDED',
          before,
          { endsOn: before.endsOn },
          withdrawn ? { endsOn, withdrawn: true } : { endsOn },
        );
        return { withdrawn };
      });
    },
  };
}
