import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createTeam, createUser, type TestUser } from './factories';

const DAY_MS = 86_400_000;

/** The UTC calendar date `offsetDays` from today (test clients have no time zone, so their days are UTC days). */
export const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

/** 10:00 UTC `offsetDays` from today. */
export const atTen = (offsetDays: number) => new Date(`${isoDay(offsetDays)}T10:00:00Z`);

/** A care team plus an admin. */
export async function budgetTeam(app: FastifyInstance) {
  const team = await createTeam(app);
  const admin = await createUser(app, { role: 'ADMIN' });
  return { ...team, admin };
}

export interface BudgetOptions {
  totalCents?: number;
  allocations?: Array<{ category: string; amountCents: number }>;
  approvalLimitCents?: number | null;
  periodStart?: string;
  periodEnd?: string;
  warningThresholdPct?: number;
  criticalThresholdPct?: number;
}

/** Allocates a budget through the API as the admin: by default 30 days around today, 1,000.00 all personal care. */
export async function allocateBudget(
  app: FastifyInstance,
  admin: TestUser,
  clientId: string,
  options: BudgetOptions = {},
) {
  const response = await app.inject({
    method: 'POST',
    url: '/budgets',
    headers: admin.headers,
    payload: {
      clientId,
      periodType: 'MONTHLY',
      periodStart: options.periodStart ?? isoDay(-9),
      periodEnd: options.periodEnd ?? isoDay(20),
      totalCents: options.totalCents ?? 100_000,
      allocations: options.allocations ?? [{ category: 'PERSONAL_CARE', amountCents: options.totalCents ?? 100_000 }],
      fundingSource: 'Medicaid waiver',
      authorizationNumber: 'AUTH-1',
      ...(options.approvalLimitCents !== undefined ? { approvalLimitCents: options.approvalLimitCents } : {}),
      ...(options.warningThresholdPct ? { warningThresholdPct: options.warningThresholdPct } : {}),
      ...(options.criticalThresholdPct ? { criticalThresholdPct: options.criticalThresholdPct } : {}),
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().data as BudgetBody;
}

export interface FiguresBody {
  allocationCents: number;
  spentCents: number;
  pendingCents: number;
  committedCents: number;
  remainingCents: number;
  uncommittedCents: number;
  utilizationPct: number | null;
  alertLevel: string;
}
export interface BudgetBody {
  id: string;
  version: number;
  clientId: string;
  alertLevel: string;
  categories: Array<FiguresBody & { category: string }>;
  totals: FiguresBody & { allocatedCents: number };
  expenses: Array<{
    id: string;
    status: string;
    amountCents: number;
    category: string;
    visitId: string | null;
    billing?: unknown;
    override: unknown;
  }>;
}

export function expenseBody(amountCents: number, category = 'PERSONAL_CARE', extra: object = {}) {
  return { category, amountCents, description: `Expense of ${amountCents}`, incurredOn: isoDay(0), ...extra };
}

export async function expensesIn(app: FastifyInstance, budgetId: string) {
  return app.deps.db.select().from(schema.expenses).where(eq(schema.expenses.budgetId, budgetId));
}

export async function notificationsAbout(app: FastifyInstance, userId: string, budgetId: string) {
  return app.deps.db
    .select()
    .from(schema.notifications)
    .where(and(eq(schema.notifications.userId, userId), eq(schema.notifications.entityId, budgetId)));
}

export async function budgetRow(app: FastifyInstance, id: string) {
  const [row] = await app.deps.db.select().from(schema.budgets).where(eq(schema.budgets.id, id));
  return row!;
}
