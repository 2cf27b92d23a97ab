import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { CareTeamMember } from '@caretracker/shared';
import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';

const { users, careTeamAssignments } = schema;

export type AssignmentRow = typeof careTeamAssignments.$inferSelect;

/** Every live assignment of a client with its worker, current and future first (primary first), then ended. */
export async function listMembers(executor: Executor, clientId: string, today: string): Promise<CareTeamMember[]> {
  const ended = sql<boolean>`(${careTeamAssignments.endsOn} is not null and ${careTeamAssignments.endsOn} < ${today})`;
  const rows = await executor
    .select({
      assignment: careTeamAssignments,
      worker: { id: users.id, firstName: users.firstName, lastName: users.lastName, isActive: users.isActive },
    })
    .from(careTeamAssignments)
    .innerJoin(users, eq(users.id, careTeamAssignments.workerId))
    .where(and(eq(careTeamAssignments.clientId, clientId), isNull(careTeamAssignments.deletedAt)))
    .orderBy(
      asc(ended),
      desc(careTeamAssignments.assignmentRole),
      desc(careTeamAssignments.endsOn),
      asc(users.lastName),
      asc(users.firstName),
    );
  return rows.map(({ assignment, worker }) => memberOf(assignment, worker, today));
}

export function memberOf(assignment: AssignmentRow, worker: CareTeamMember['worker'], today: string): CareTeamMember {
  return {
    id: assignment.id,
    worker,
    assignmentRole: assignment.assignmentRole,
    startsOn: assignment.startsOn,
    endsOn: assignment.endsOn,
    standing:
      assignment.endsOn !== null && assignment.endsOn < today
        ? 'ENDED'
        : assignment.startsOn > today
          ? 'UPCOMING'
          : 'CURRENT',
    version: assignment.version,
  };
}

export async function findAssignment(executor: Executor, clientId: string, id: string, lock = false) {
  const query = executor
    .select()
    .from(careTeamAssignments)
    .where(
      and(
        eq(careTeamAssignments.id, id),
        eq(careTeamAssignments.clientId, clientId),
        isNull(careTeamAssignments.deletedAt),
      ),
    );
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function findAssignmentOfWorker(executor: Executor, clientId: string, workerId: string) {
  const [row] = await executor
    .select()
    .from(careTeamAssignments)
    .where(
      and(
        eq(careTeamAssignments.clientId, clientId),
        eq(careTeamAssignments.workerId, workerId),
        isNull(careTeamAssignments.deletedAt),
      ),
    )
    .for('update');
  return row ?? null;
}

/** The client's other primary assignment (the database keeps one per client), if any. */
export async function otherPrimary(executor: Executor, clientId: string, exceptId: string | null) {
  const [row] = await executor
    .select()
    .from(careTeamAssignments)
    .where(
      and(
        eq(careTeamAssignments.clientId, clientId),
        eq(careTeamAssignments.assignmentRole, 'PRIMARY'),
        isNull(careTeamAssignments.deletedAt),
        exceptId ? ne(careTeamAssignments.id, exceptId) : undefined,
      ),
    )
    .for('update');
  return row ?? null;
}

export async function writeAssignment(
  executor: Executor,
  id: string,
  values: Partial<Pick<AssignmentRow, 'assignmentRole' | 'startsOn' | 'endsOn' | 'deletedAt'>>,
  actorId: string,
) {
  const [row] = await executor
    .update(careTeamAssignments)
    .set({ ...values, updatedAt: new Date(), updatedBy: actorId, version: sql`${careTeamAssignments.version} + 1` })
    .where(eq(careTeamAssignments.id, id))
    .returning();
  if (!row) throw new Error('care team assignment update returned nothing');
  return row;
}
