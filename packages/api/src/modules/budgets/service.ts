import { schema } from '@caretracker/database';
import {
  type BudgetForecast,
  type BudgetSummary,
  type BudgetView,
  type CreateBudgetBody,
  type CreateExpenseBody,
  dateInZone,
  defaultPeriodEnd,
  type ListBudgetsQuery,
  type UncoveredVisits,
  type UncoveredVisitsQuery,
  type UpdateBudgetBody,
} from '@caretracker/shared';
import { inArray, type SQL, sql } from 'drizzle-orm';
import { type Actor, ownClientId } from '../../context/request-context';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../../errors/app-errors';
import type { ModuleDeps } from '../module-deps';
import type { StagedNotification } from '../notifications/service';
import { supervisedUserIds } from '../users/relations';
import { assertAllocationsFit, insertBudget, isLiveClient, overlapViolation, updateBudget } from './budget-writes';
import { decideExpense, insertManualExpense } from './expenses';
import { forecastFigures } from './figures';
import {
  allocationStates,
  allocationsOf,
  type BudgetRow,
  clientTimeZone,
  committedByCategory,
  expenseSums,
  findBudget,
  listVisibleBudgets,
} from './queries';
import { budgetView, seesBilling, summaryOf } from './shape';
import { uncoveredView, uncoveredVisits } from './uncovered';

export { recordVisitCost } from './expenses';

export type BudgetsService = ReturnType<typeof createBudgetsService>;

/**
 * Budgets and expenses per the role matrix: clients read their own, supervisors read their team's
 * clients' and decide pending expenses, admins allocate, change and override. Workers have no
 * access to budgets at all (403 on every endpoint). Every write is one transaction that locks the
 * budget row, writes its audit rows and re-evaluates the thresholds.
 */
export function createBudgetsService(deps: ModuleDeps) {
  const { db, audit } = deps;

  /** Workers are refused up front: budgets are no part of their work (403, logged). */
  async function refuseWorkers(actor: Actor, id: string | null) {
    if (actor.role !== 'WORKER') return;
    await audit.recordDenied('budget', id, 'workers have no access to budgets');
    throw new ForbiddenError('Care workers have no access to budgets');
  }

  /** The budget if the actor may read it; otherwise the denial is logged and the answer is a 404. */
  async function requireVisible(actor: Actor, id: string, action: string): Promise<BudgetRow> {
    await refuseWorkers(actor, id);
    const budget = await findBudget(db, id, { visibleTo: actor });
    if (!budget) {
      if (actor.role !== 'ADMIN') await audit.recordDenied('budget', id, `not visible (${action})`);
      throw new NotFoundError('Budget');
    }
    return budget;
  }

  /** Readable but not the actor's to change: 403, logged. */
  async function requireRole(actor: Actor, id: string | null, roles: Actor['role'][], action: string) {
    if (roles.includes(actor.role)) return;
    await audit.recordDenied('budget', id, `role may not ${action}`);
    throw new ForbiddenError(`Your role may not ${action}`);
  }

  /** Live delivery of threshold notifications, once the change they announce has committed. */
  async function deliver(staged: StagedNotification[]) {
    for (const notification of staged) await notification.deliver();
  }

  async function view(id: string, actor: Actor): Promise<BudgetView> {
    const budget = await findBudget(db, id);
    if (!budget) throw new NotFoundError('Budget');
    return budgetView(db, budget, actor.role);
  }

  return {
    async list(actor: Actor, query: ListBudgetsQuery) {
      await refuseWorkers(actor, null);
      const { rows, total } = await listVisibleBudgets(db, actor, query);
      if (rows.length > 0) {
        await db.transaction(async (tx) => {
          for (const row of rows) await audit.recordPhiRead('budget', row.budget.id, tx);
        });
      }
      return {
        data: rows.map((row) => summaryOf(row.budget, row)) satisfies BudgetSummary[],
        pagination: { page: query.page, limit: query.limit, total, totalPages: Math.ceil(total / query.limit) },
      };
    },

    async get(actor: Actor, id: string): Promise<BudgetView> {
      const budget = await requireVisible(actor, id, 'read');
      const result = await budgetView(db, budget, actor.role);
      await audit.recordPhiRead('budget', id);
      return result;
    },

    async create(actor: Actor, body: CreateBudgetBody): Promise<BudgetView> {
      await refuseWorkers(actor, null);
      await requireRole(actor, null, ['ADMIN'], 'allocate budgets');
      if (!(await isLiveClient(db, body.clientId))) {
        throw new UnprocessableError('clientId does not name a client', [
          { field: 'body.clientId', message: 'is not a client' },
        ]);
      }
      assertAllocationsFit(body.allocations, body.totalCents);
      const range = {
        start: body.periodStart,
        end: body.periodEnd ?? defaultPeriodEnd(body.periodType, body.periodStart),
      };
      const created = await db
        .transaction((tx) => insertBudget(tx, audit, actor, body))
        .catch(overlapViolation(db, body.clientId, range));
      return view(created.id, actor);
    },

    async update(actor: Actor, id: string, body: UpdateBudgetBody): Promise<BudgetView> {
      const visible = await requireVisible(actor, id, 'update');
      await requireRole(actor, id, ['ADMIN'], 'change budgets');
      const start = body.periodStart ?? visible.periodStart;
      const derived = body.periodStart || body.periodType;
      const end =
        body.periodEnd ??
        (derived ? defaultPeriodEnd(body.periodType ?? visible.periodType, start) : visible.periodEnd);
      const staged = await db
        .transaction((tx) => updateBudget(tx, deps, { actor, id, body }))
        .catch(overlapViolation(db, visible.clientId, { start, end }, id));
      await deliver(staged);
      return view(id, actor);
    },

    /** Supervisors (their clients') and admins add expenses; only admins may override a limit. */
    async addExpense(actor: Actor, id: string, body: CreateExpenseBody): Promise<BudgetView> {
      await requireVisible(actor, id, 'add an expense to');
      await requireRole(actor, id, ['SUPERVISOR', 'ADMIN'], 'add expenses');
      if (body.override) await requireRole(actor, id, ['ADMIN'], 'override a budget limit');
      const staged = await db.transaction(async (tx) => {
        const budget = await findBudget(tx, id, { lock: true });
        if (!budget) throw new NotFoundError('Budget');
        return insertManualExpense(tx, deps, { actor, budget, body });
      });
      await deliver(staged);
      return view(id, actor);
    },

    async decideExpense(
      actor: Actor,
      id: string,
      expenseId: string,
      decision: 'APPROVED' | 'REJECTED',
      note?: string,
    ): Promise<BudgetView> {
      await requireVisible(actor, id, 'decide an expense of');
      await requireRole(actor, id, ['SUPERVISOR', 'ADMIN'], 'approve or reject expenses');
      const staged = await db.transaction(async (tx) => {
        const budget = await findBudget(tx, id, { lock: true });
        if (!budget) throw new NotFoundError('Budget');
        return decideExpense(tx, deps, { actor, budget, expenseId, decision, ...(note ? { note } : {}) });
      });
      await deliver(staged);
      return view(id, actor);
    },

    /** Visits on days no budget covers: a client their own, a supervisor their team's clients', an admin all. */
    async uncovered(actor: Actor, query: UncoveredVisitsQuery): Promise<UncoveredVisits> {
      await refuseWorkers(actor, null);
      const clientId = actor.role === 'CLIENT' ? (query.clientId ?? ownClientId(actor)) : (query.clientId ?? null);
      if (clientId && actor.role !== 'ADMIN') {
        const mine =
          actor.role === 'CLIENT'
            ? clientId === ownClientId(actor)
            : await isLiveClient(db, clientId, inArray(schema.users.id, supervisedUserIds(actor.id)));
        if (!mine) {
          await audit.recordDenied('user', clientId, 'uncovered visits of a client outside the caller’s care');
          throw new NotFoundError('Client');
        }
      }
      const today = dateInZone(new Date(), deps.config.AGENCY_TIMEZONE);
      const range = { from: query.from ?? shiftDate(today, -31), to: query.to ?? shiftDate(today, 62) };
      const clients: SQL | undefined = clientId
        ? sql`(${clientId}::uuid)`
        : actor.role === 'SUPERVISOR'
          ? supervisedUserIds(actor.id)
          : undefined;
      const found = await uncoveredVisits(db, range, clients);
      if (found.rows.length > 0) {
        if (deps.config.HIPAA_AUDIT_ENABLED) {
          await audit.record({
            action: 'PHI_READ',
            entityType: 'visit',
            classification: 'PHI',
            metadata: { visitIds: found.rows.map((row) => row.id), list: 'uncovered-visits' },
          });
        }
      }
      return uncoveredView(range, clientId, found, seesBilling(actor.role));
    },

    async forecast(actor: Actor, id: string): Promise<BudgetForecast> {
      const budget = await requireVisible(actor, id, 'forecast');
      const now = new Date();
      const [allocations, sums, committed, timeZone] = await Promise.all([
        allocationsOf(db, id),
        expenseSums(db, id),
        committedByCategory(db, budget),
        clientTimeZone(db, budget.clientId),
      ]);
      const figures = forecastFigures({
        periodStart: budget.periodStart,
        periodEnd: budget.periodEnd,
        today: dateInZone(now, timeZone),
        totalCents: budget.totalCents,
        allocations: allocationStates(allocations),
        sums,
        committed,
      });
      await audit.recordPhiRead('budget', id);
      return { budgetId: id, asOf: now.toISOString(), ...figures };
    },
  };
}

function shiftDate(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}
