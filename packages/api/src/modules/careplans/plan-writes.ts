import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { CarePlanSnapshot, CarePlanStatus, GoalProgressBody } from '@caretracker/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { ConflictError, NotFoundError } from '../../errors/app-errors';
import { type AuditService, changedValues } from '../audit/service';
import { uniqueViolation } from '../users/queries';
import { activePlanOf, type PlanRow } from './queries';
import { progressView } from './shape';
import { writeVersion } from './versions';

const { carePlans, carePlanGoals, carePlanGoalProgress } = schema;

/** Columns every plan write sets: the next version, and who changed it when. */
export const bumpVersion = (actorId: string) => ({
  version: sql`${carePlans.version} + 1`,
  updatedAt: new Date(),
  updatedBy: actorId,
});

/** Keeps the plan's new state as a version and audits the fields that changed (all of them on create). */
export async function recordPlanChange(
  tx: Executor,
  audit: AuditService,
  change: { actorId: string; planId: string; before: CarePlanSnapshot | null; action: string; summary: string },
) {
  const after = await writeVersion(tx, change.planId, change.summary, change.actorId);
  const { oldValues, newValues } = change.before
    ? changedValues(change.before, after)
    : { oldValues: null, newValues: after as Record<string, unknown> };
  await audit.record(
    {
      action: change.action,
      entityType: 'care_plan',
      entityId: change.planId,
      classification: 'PHI',
      oldValues,
      newValues,
      metadata: { version: after.version, changeSummary: change.summary },
    },
    tx,
  );
}

/** 409 naming the client's other active plan. */
export async function activePlanConflict(executor: Executor, clientId: string, exceptId: string) {
  const active = await activePlanOf(executor, clientId, exceptId);
  return new ConflictError(
    `This client already has an active care plan${active ? ` (${active.id})` : ''}; put it on hold, complete or discontinue it first`,
    { activePlanId: active?.id ?? null },
  );
}

export async function assertNoOtherActivePlan(tx: Executor, clientId: string, planId: string) {
  if (await activePlanOf(tx, clientId, planId)) throw await activePlanConflict(tx, clientId, planId);
}

/**
 * The unique index `care_plans_one_active_key` is the real guard: a concurrent approval that got
 * past the check above fails there, and answers the same 409.
 */
export function activePlanViolation(executor: Executor, clientId: string, planId: string) {
  return async (error: unknown): Promise<never> => {
    if (uniqueViolation(error) === 'care_plans_one_active_key') {
      throw await activePlanConflict(executor, clientId, planId);
    }
    throw error;
  };
}

/** Supervisors and admins record on a plan in delivery (ACTIVE or ON_HOLD); workers on an ACTIVE one. */
export async function insertGoalProgress(
  tx: Executor,
  audit: AuditService,
  input: { actor: Actor; plan: PlanRow; goalId: string; body: GoalProgressBody },
) {
  const { actor, plan, goalId, body } = input;
  const open: readonly CarePlanStatus[] = actor.role === 'WORKER' ? ['ACTIVE'] : ['ACTIVE', 'ON_HOLD'];
  if (!open.includes(plan.status)) {
    throw new ConflictError(`Progress is recorded on an active plan; this plan is ${plan.status}`, {
      status: plan.status,
    });
  }
  const [goal] = await tx
    .select({ id: carePlanGoals.id })
    .from(carePlanGoals)
    .where(and(eq(carePlanGoals.id, goalId), eq(carePlanGoals.carePlanId, plan.id), isNull(carePlanGoals.deletedAt)));
  if (!goal) throw new NotFoundError('Goal');
  const [entry] = await tx
    .insert(carePlanGoalProgress)
    .values({
      goalId,
      value: body.value ?? null,
      note: body.note,
      ...(body.recordedAt ? { recordedAt: new Date(body.recordedAt) } : {}),
      createdBy: actor.id,
      updatedBy: actor.id,
    })
    .returning();
  if (!entry) throw new Error('progress insert returned nothing');
  await audit.record(
    {
      action: 'CARE_PLAN_GOAL_PROGRESS_RECORDED',
      entityType: 'care_plan',
      entityId: plan.id,
      classification: 'PHI',
      newValues: { goalId, value: entry.value, note: entry.note, recordedAt: entry.recordedAt },
      metadata: { progressId: entry.id },
    },
    tx,
  );
  return { ...progressView(entry), goalId };
}
