import {
  budgetForecastSchema,
  budgetSummarySchema,
  budgetViewSchema,
  createBudgetBodySchema,
  createExpenseBodySchema,
  envelope,
  expenseDecisionBodySchema,
  listBudgetsQuerySchema,
  pagedEnvelope,
  uncoveredVisitsQuerySchema,
  uncoveredVisitsSchema,
  updateBudgetBodySchema,
} from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { BudgetsService } from './service';

const idParams = z.object({ id: z.uuid() });
const expenseParams = z.object({ id: z.uuid(), eid: z.uuid() });
const tags = ['budgets'];

/** Budgets and expenses: signed-in only; the service decides per budget what the caller may see and do. */
export const budgetsRoutes: FastifyPluginAsyncZod<{ service: BudgetsService }> = async (app, { service }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Budgets the caller may see (workers: 403), newest period first',
        querystring: listBudgetsQuerySchema,
        response: { 200: pagedEnvelope(budgetSummarySchema) },
      },
    },
    async (request) => ({ success: true as const, ...(await service.list(actorOf(request), request.query)) }),
  );

  app.get(
    '/uncovered',
    {
      schema: {
        tags,
        summary: 'Booked and completed visits on days no budget of their client covers (their cost is booked nowhere)',
        description:
          "A visit's day is its date in the client's time zone, as check-out books its cost. Default range: 31 days back to 62 ahead of today (agency time zone).",
        querystring: uncoveredVisitsQuerySchema,
        response: { 200: envelope(uncoveredVisitsSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await service.uncovered(actorOf(request), request.query) }),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One budget: per category and total allocation, spent, pending, committed, remaining, utilization',
        params: idParams,
        response: { 200: envelope(budgetViewSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await service.get(actorOf(request), request.params.id) }),
  );

  app.post(
    '',
    {
      schema: {
        tags,
        summary:
          'Allocate a budget to a client (admins); allocations may not exceed the total, periods may not overlap',
        body: createBudgetBodySchema,
        response: { 201: envelope(budgetViewSchema) },
      },
    },
    async (request, reply) => {
      const data = await service.create(actorOf(request), request.body);
      reply.status(201);
      return { success: true as const, data };
    },
  );

  app.put(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change a budget (admins; send the `version` you read); `allocations` replaces the list',
        params: idParams,
        body: updateBudgetBodySchema,
        response: { 200: envelope(budgetViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await service.update(actorOf(request), request.params.id, request.body),
    }),
  );

  app.post(
    '/:id/expenses',
    {
      schema: {
        tags,
        summary: 'Add a manual expense (422 if it would exceed its category or the total, unless an admin overrides)',
        params: idParams,
        body: createExpenseBodySchema,
        response: { 201: envelope(budgetViewSchema) },
      },
    },
    async (request, reply) => {
      const data = await service.addExpense(actorOf(request), request.params.id, request.body);
      reply.status(201);
      return { success: true as const, data };
    },
  );

  for (const [path, decision] of [
    ['approve', 'APPROVED'],
    ['reject', 'REJECTED'],
  ] as const) {
    app.post(
      `/:id/expenses/:eid/${path}`,
      {
        schema: {
          tags,
          summary: `${decision === 'APPROVED' ? 'Approve' : 'Reject'} a pending expense (the client's supervisor or an admin)`,
          params: expenseParams,
          body: expenseDecisionBodySchema.nullish(),
          response: { 200: envelope(budgetViewSchema) },
        },
      },
      async (request) => ({
        success: true as const,
        data: await service.decideExpense(
          actorOf(request),
          request.params.id,
          request.params.eid,
          decision,
          request.body?.note,
        ),
      }),
    );
  }

  app.get(
    '/:id/forecast',
    {
      schema: {
        tags,
        summary: 'Projected spend to period end: round(spent ÷ elapsed days × period days) + committed',
        params: idParams,
        response: { 200: envelope(budgetForecastSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await service.forecast(actorOf(request), request.params.id) }),
  );
};
