import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { ListCarePlansQuery } from '@caretracker/shared';
import { and, asc, desc, eq, inArray, isNull, lt, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { supervisedUserIds } from '../users/relations';
import { visibleVisitsCondition } from '../visits/access';
import { visibleCarePlansCondition } from './access';

const { carePlans, carePlanGoals, carePlanGoalProgress, carePlanMedications, visits, users } = schema;

export type PlanRow = typeof carePlans.$inferSelect;
export type GoalRow = typeof carePlanGoals.$inferSelect;
export type MedicationRow = typeof carePlanMedications.$inferSelect;
export type ProgressRow = typeof carePlanGoalProgress.$inferSelect;

/** A live plan, optionally only if the actor may see it; `lock` holds the row for a write. */
export async function findPlan(
  executor: Executor,
  id: string,
  options: { visibleTo?: Actor; lock?: boolean } = {},
): Promise<PlanRow | null> {
  const query = executor
    .select()
    .from(carePlans)
    .where(
      and(
        eq(carePlans.id, id),
        isNull(carePlans.deletedAt),
        options.visibleTo ? visibleCarePlansCondition(options.visibleTo) : undefined,
      ),
    );
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export function goalsOf(executor: Executor, planId: string): Promise<GoalRow[]> {
  return executor
    .select()
    .from(carePlanGoals)
    .where(and(eq(carePlanGoals.carePlanId, planId), isNull(carePlanGoals.deletedAt)))
    .orderBy(asc(carePlanGoals.position), asc(carePlanGoals.createdAt));
}

export function medicationsOf(executor: Executor, planId: string): Promise<MedicationRow[]> {
  return executor
    .select()
    .from(carePlanMedications)
    .where(and(eq(carePlanMedications.carePlanId, planId), isNull(carePlanMedications.deletedAt)))
    .orderBy(asc(carePlanMedications.position), asc(carePlanMedications.createdAt));
}

/** Progress entries of these goals, oldest first (the order a chart draws them). */
export async function progressOf(executor: Executor, goalIds: string[]): Promise<ProgressRow[]> {
  if (goalIds.length === 0) return [];
  return executor
    .select()
    .from(carePlanGoalProgress)
    .where(and(inArray(carePlanGoalProgress.goalId, goalIds), isNull(carePlanGoalProgress.deletedAt)))
    .orderBy(asc(carePlanGoalProgress.recordedAt), asc(carePlanGoalProgress.createdAt));
}

/** The plan's visits the actor may see, newest first, at most 50. */
export function visitsOf(executor: Executor, planId: string, actor: Actor) {
  return executor
    .select({
      id: visits.id,
      scheduledStart: visits.scheduledStart,
      scheduledEnd: visits.scheduledEnd,
      status: visits.status,
      workerId: visits.workerId,
    })
    .from(visits)
    .where(and(eq(visits.carePlanId, planId), isNull(visits.deletedAt), visibleVisitsCondition(actor)))
    .orderBy(desc(visits.scheduledStart), desc(visits.id))
    .limit(50);
}

/** Plans whose review matters: the ones being delivered or paused. */
const UNDER_REVIEW = ['ACTIVE', 'ON_HOLD'] as const;

/**
 * One page of the plans the actor may see. With `reviewDue`, ACTIVE/ON_HOLD plans soonest review
 * first, counted from `today` (the agency's date, as the office overview counts them).
 */
export async function listVisiblePlans(executor: Executor, actor: Actor, query: ListCarePlansQuery, today: string) {
  const conditions: (SQL | undefined)[] = [isNull(carePlans.deletedAt), visibleCarePlansCondition(actor)];
  if (query.clientId) conditions.push(eq(carePlans.clientId, query.clientId));
  if (query.status) conditions.push(eq(carePlans.status, query.status));
  if (query.reviewDue !== undefined) {
    conditions.push(inArray(carePlans.status, [...UNDER_REVIEW]));
    conditions.push(
      query.reviewDue === 0
        ? lt(carePlans.nextReviewOn, today)
        : lte(carePlans.nextReviewOn, sql`${today}::date + ${query.reviewDue}::int`),
    );
  }
  const where = and(...conditions);
  const order =
    query.reviewDue !== undefined
      ? [asc(carePlans.nextReviewOn), asc(carePlans.id)]
      : [desc(carePlans.createdAt), desc(carePlans.id)];
  const [rows, counted] = await Promise.all([
    executor
      .select()
      .from(carePlans)
      .where(where)
      .orderBy(...order)
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    executor.select({ total: sql<number>`count(*)::int` }).from(carePlans).where(where),
  ]);
  return { rows, total: counted[0]?.total ?? 0 };
}

/** The client's live ACTIVE plan other than `exceptId`, if any. */
export async function activePlanOf(executor: Executor, clientId: string, exceptId?: string) {
  const [row] = await executor
    .select({ id: carePlans.id })
    .from(carePlans)
    .where(
      and(
        eq(carePlans.clientId, clientId),
        eq(carePlans.status, 'ACTIVE'),
        isNull(carePlans.deletedAt),
        exceptId ? ne(carePlans.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Whether `clientId` names a live client, and whether the actor looks after them. */
export async function clientStanding(
  executor: Executor,
  clientId: string,
  actor: Actor,
): Promise<'unknown' | 'outside' | 'ours'> {
  const [row] = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, clientId), eq(users.role, 'CLIENT'), isNull(users.deletedAt)));
  if (!row) return 'unknown';
  if (actor.role !== 'SUPERVISOR') return 'ours';
  const [ours] = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, clientId), inArray(users.id, supervisedUserIds(actor.id))));
  return ours ? 'ours' : 'outside';
}
