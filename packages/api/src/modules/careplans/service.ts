import type { Database, Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import {
  CARE_PLAN_TRANSITIONS,
  type CarePlanDiff,
  type CarePlanDiffQuery,
  type CarePlanStatus,
  type CarePlanStatusBody,
  type CarePlanSummary,
  type CarePlanVersionView,
  type CarePlanView,
  type CreateCarePlanInput,
  dateInZone,
  type GoalProgressBody,
  type ListCarePlansQuery,
  type UpdateCarePlanInput,
} from '@caretracker/shared';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config/config';
import type { Actor } from '../../context/request-context';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../../errors/app-errors';
import { type AuditService, changedValues } from '../audit/service';
import type { Notifier } from '../notifications/service';
import { managesCarePlans } from './access';
import { assertDatesInOrder, planColumns, requestedPlanValues, storedPlanValues } from './plan-fields';
import { applyListChanges, diffGoals, diffMedications, hasListChanges, insertPlanLists } from './plan-lists';
import {
  activePlanViolation,
  assertNoOtherActivePlan,
  bumpVersion,
  insertGoalProgress,
  recordPlanChange,
} from './plan-writes';
import {
  clientStanding,
  findPlan,
  goalsOf,
  listVisiblePlans,
  medicationsOf,
  type PlanRow,
  progressOf,
  visitsOf,
} from './queries';
import { shapePlan, summaryOf } from './shape';
import { diffVersions, loadSnapshot, versionsOf } from './versions';

const { carePlans, carePlanGoals, carePlanMedications } = schema;

export interface CarePlansDeps {
  db: Database;
  config: Config;
  audit: AuditService;
  notifier: Notifier;
}

export type CarePlansService = ReturnType<typeof createCarePlansService>;

const CLOSED: readonly CarePlanStatus[] = ['COMPLETED', 'DISCONTINUED'];

/**
 * Care plans: read per the role matrix, written by the client's supervisor or an admin. Every
 * write bumps the plan's version and keeps a whole snapshot of it, with an audit row, in one transaction.
 */
export function createCarePlansService(deps: CarePlansDeps) {
  const { db, audit } = deps;

  /** The plan if the actor may see it; otherwise the denial is logged and the answer is a 404. */
  async function requireVisible(actor: Actor, id: string, action: string): Promise<PlanRow> {
    const plan = await findPlan(db, id, { visibleTo: actor });
    if (!plan) {
      if (actor.role !== 'ADMIN') await audit.recordDenied('care_plan', id, `not visible (${action})`);
      throw new NotFoundError('Care plan');
    }
    return plan;
  }

  /** Visible but not theirs to change: 403, logged. */
  async function requireManager(actor: Actor, id: string, action: string): Promise<PlanRow> {
    const plan = await requireVisible(actor, id, action);
    if (!managesCarePlans(actor.role)) {
      await audit.recordDenied('care_plan', id, `role may not ${action}`);
      throw new ForbiddenError(`Only the client's supervisor or an admin may ${action} a care plan`);
    }
    return plan;
  }

  async function detail(executor: Executor, plan: PlanRow, actor: Actor): Promise<CarePlanView> {
    const [goals, medications, visits] = await Promise.all([
      goalsOf(executor, plan.id),
      medicationsOf(executor, plan.id),
      visitsOf(executor, plan.id, actor),
    ]);
    const progress = await progressOf(
      executor,
      goals.map((goal) => goal.id),
    );
    return shapePlan({ plan, goals, medications, progress, visits }, actor.role);
  }

  async function reload(id: string, actor: Actor): Promise<CarePlanView> {
    const plan = await findPlan(db, id);
    if (!plan) throw new NotFoundError('Care plan');
    return detail(db, plan, actor);
  }

  return {
    async list(actor: Actor, query: ListCarePlansQuery) {
      const today = dateInZone(new Date(), deps.config.AGENCY_TIMEZONE);
      const { rows, total } = await listVisiblePlans(db, actor, query, today);
      if (rows.length > 0) {
        await db.transaction(async (tx) => {
          for (const row of rows) await audit.recordPhiRead('care_plan', row.id, tx);
        });
      }
      return {
        data: rows.map(summaryOf) satisfies CarePlanSummary[],
        pagination: { page: query.page, limit: query.limit, total, totalPages: Math.ceil(total / query.limit) },
      };
    },

    async get(actor: Actor, id: string): Promise<CarePlanView> {
      const plan = await requireVisible(actor, id, 'read');
      const view = await detail(db, plan, actor);
      await audit.recordPhiRead('care_plan', id);
      return view;
    },

    async versions(actor: Actor, id: string): Promise<CarePlanVersionView[]> {
      await requireManager(actor, id, 'read the history of');
      const versions = await versionsOf(db, id);
      await audit.recordPhiRead('care_plan', id);
      return versions;
    },

    /** Field-level changes between two versions, for the versions screen (same readers as the history). */
    async diff(actor: Actor, id: string, query: CarePlanDiffQuery): Promise<CarePlanDiff> {
      await requireManager(actor, id, 'compare the versions of');
      const diff = await diffVersions(db, id, query);
      await audit.recordPhiRead('care_plan', id);
      return diff;
    },

    async create(actor: Actor, body: CreateCarePlanInput): Promise<CarePlanView> {
      if (!managesCarePlans(actor.role)) {
        await audit.recordDenied('care_plan', null, 'role may not create care plans');
        throw new ForbiddenError("Only the client's supervisor or an admin may create a care plan");
      }
      const standing = await clientStanding(db, body.clientId, actor);
      if (standing !== 'ours') {
        // A client outside the supervisor's team reads exactly like an unknown one.
        if (standing === 'outside')
          await audit.recordDenied('user', body.clientId, 'care plan for a client outside the team');
        throw new UnprocessableError('clientId does not name a client you look after', [
          { field: 'body.clientId', message: 'is not a client you look after' },
        ]);
      }
      const id = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(carePlans)
          .values({
            clientId: body.clientId,
            status: 'DRAFT',
            ...planColumns(body),
            createdBy: actor.id,
            updatedBy: actor.id,
          })
          .returning({ id: carePlans.id });
        if (!created) throw new Error('care plan insert returned nothing');
        await insertPlanLists(tx, created.id, body, actor.id);
        await recordPlanChange(tx, audit, {
          actorId: actor.id,
          planId: created.id,
          before: null,
          action: 'CARE_PLAN_CREATED',
          summary: 'Created',
        });
        return created.id;
      });
      return reload(id, actor);
    },

    async update(actor: Actor, id: string, body: UpdateCarePlanInput): Promise<CarePlanView> {
      await requireManager(actor, id, 'update');
      await db.transaction(async (tx) => {
        const plan = await findPlan(tx, id, { lock: true });
        if (!plan) throw new NotFoundError('Care plan');
        if (body.version !== plan.version) {
          throw new ConflictError('This care plan was changed by someone else; reload and try again', {
            currentVersion: plan.version,
          });
        }
        if (CLOSED.includes(plan.status)) {
          throw new ConflictError(`A ${plan.status.toLowerCase()} care plan can no longer be changed`, {
            status: plan.status,
          });
        }
        const requested = requestedPlanValues(body);
        assertDatesInOrder({ ...storedPlanValues(plan), ...requested });
        const { newValues: fieldChanges } = changedValues(storedPlanValues(plan), requested);
        const goals = body.goals ? diffGoals(body.goals, await goalsOf(tx, id)) : null;
        const medications = body.medications ? diffMedications(body.medications, await medicationsOf(tx, id)) : null;
        const changed = [
          ...Object.keys(fieldChanges),
          ...(hasListChanges(goals) ? ['goals'] : []),
          ...(hasListChanges(medications) ? ['medications'] : []),
        ];
        if (changed.length === 0) return;

        const before = await loadSnapshot(tx, id);
        await tx
          .update(carePlans)
          .set({ ...fieldChanges, ...bumpVersion(actor.id) })
          .where(eq(carePlans.id, id));
        if (goals) await applyListChanges(tx, carePlanGoals, id, goals, actor.id);
        if (medications) await applyListChanges(tx, carePlanMedications, id, medications, actor.id);
        await recordPlanChange(tx, audit, {
          actorId: actor.id,
          planId: id,
          before,
          action: 'CARE_PLAN_UPDATED',
          summary: body.changeSummary ?? `Changed ${changed.join(', ')}`,
        });
      });
      return reload(id, actor);
    },

    async approve(actor: Actor, id: string, note?: string): Promise<CarePlanView> {
      const visible = await requireManager(actor, id, 'approve');
      await db
        .transaction(async (tx) => {
          const plan = await findPlan(tx, id, { lock: true });
          if (!plan) throw new NotFoundError('Care plan');
          if (plan.status !== 'DRAFT') {
            throw new ConflictError(`Only a draft can be approved; this plan is ${plan.status}`, {
              status: plan.status,
            });
          }
          await assertNoOtherActivePlan(tx, plan.clientId, id);
          const before = await loadSnapshot(tx, id);
          await tx
            .update(carePlans)
            .set({
              status: 'ACTIVE',
              approvedBy: actor.id,
              approvedAt: new Date(),
              statusReason: null,
              ...bumpVersion(actor.id),
            })
            .where(eq(carePlans.id, id));
          await recordPlanChange(tx, audit, {
            actorId: actor.id,
            planId: id,
            before,
            action: 'CARE_PLAN_APPROVED',
            summary: note ?? 'Approved',
          });
        })
        .catch(activePlanViolation(db, visible.clientId, id));
      return reload(id, actor);
    },

    async changeStatus(actor: Actor, id: string, body: CarePlanStatusBody): Promise<CarePlanView> {
      const visible = await requireManager(actor, id, 'change the status of');
      await db
        .transaction(async (tx) => {
          const plan = await findPlan(tx, id, { lock: true });
          if (!plan) throw new NotFoundError('Care plan');
          const allowed = CARE_PLAN_TRANSITIONS[plan.status];
          if (!allowed.includes(body.status)) {
            const hint =
              plan.status === 'DRAFT' && body.status === 'ACTIVE' ? '; a draft becomes active by approval' : '';
            throw new ConflictError(`A ${plan.status} care plan cannot become ${body.status}${hint}`, {
              status: plan.status,
              allowed,
            });
          }
          if (body.status === 'ACTIVE') await assertNoOtherActivePlan(tx, plan.clientId, id);
          const before = await loadSnapshot(tx, id);
          await tx
            .update(carePlans)
            .set({ status: body.status, statusReason: body.reason, ...bumpVersion(actor.id) })
            .where(eq(carePlans.id, id));
          await recordPlanChange(tx, audit, {
            actorId: actor.id,
            planId: id,
            before,
            action: 'CARE_PLAN_STATUS_CHANGED',
            summary: `${plan.status} → ${body.status}: ${body.reason}`,
          });
        })
        .catch(activePlanViolation(db, visible.clientId, id));
      return reload(id, actor);
    },

    /** The care team records progress: supervisors and admins, and workers assigned to an ACTIVE plan. */
    async recordProgress(actor: Actor, id: string, goalId: string, body: GoalProgressBody) {
      await requireVisible(actor, id, 'record progress on');
      if (actor.role === 'CLIENT') {
        await audit.recordDenied('care_plan', id, 'role may not record goal progress');
        throw new ForbiddenError('Only the care team records progress on goals');
      }
      return db.transaction(async (tx) => {
        const plan = await findPlan(tx, id, { lock: true });
        if (!plan) throw new NotFoundError('Care plan');
        return insertGoalProgress(tx, audit, { actor, plan, goalId, body });
      });
    },
  };
}
