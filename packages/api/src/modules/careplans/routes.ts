import {
  approveCarePlanBodySchema,
  carePlanDiffQuerySchema,
  carePlanDiffSchema,
  carePlanStatusBodySchema,
  carePlanSummarySchema,
  carePlanVersionViewSchema,
  carePlanViewSchema,
  createCarePlanBodySchema,
  envelope,
  goalProgressBodySchema,
  goalProgressResultSchema,
  listCarePlansQuerySchema,
  pagedEnvelope,
  updateCarePlanBodySchema,
} from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LARGE_JSON_BODY_LIMIT } from '../../plugins/json-body';
import { actorOf } from '../../plugins/request-context';
import type { CarePlansService } from './service';

const idParams = z.object({ id: z.uuid() });
const goalParams = z.object({ id: z.uuid(), goalId: z.uuid() });
const tags = ['care plans'];

/** Care plans: every route is signed-in only; the service decides per plan what the caller may see and do. */
export const carePlansRoutes: FastifyPluginAsyncZod<{ carePlans: CarePlansService }> = async (app, { carePlans }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Care plans the caller may see; `reviewDue` lists active or paused plans due for review',
        querystring: listCarePlansQuerySchema,
        response: { 200: pagedEnvelope(carePlanSummarySchema) },
      },
    },
    async (request) => ({ success: true as const, ...(await carePlans.list(actorOf(request), request.query)) }),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One care plan with goals and progress, medications, activities and its latest 50 visits',
        params: idParams,
        response: { 200: envelope(carePlanViewSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await carePlans.get(actorOf(request), request.params.id) }),
  );

  app.post(
    '',
    {
      // Large lists (care plans) or the client's signature image (check-out, amendments).
      bodyLimit: LARGE_JSON_BODY_LIMIT,
      schema: {
        tags,
        summary: "Create a draft care plan for one of the caller's clients",
        body: createCarePlanBodySchema,
        response: { 201: envelope(carePlanViewSchema) },
      },
    },
    async (request, reply) => {
      const data = await carePlans.create(actorOf(request), request.body);
      reply.status(201);
      return { success: true as const, data };
    },
  );

  app.put(
    '/:id',
    {
      // Large lists (care plans) or the client's signature image (check-out, amendments).
      bodyLimit: LARGE_JSON_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Update a plan (send the `version` you read); a list given replaces the plan’s list',
        params: idParams,
        body: updateCarePlanBodySchema,
        response: { 200: envelope(carePlanViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await carePlans.update(actorOf(request), request.params.id, request.body),
    }),
  );

  app.post(
    '/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve a draft: it becomes the client’s active plan (409 if they already have one)',
        params: idParams,
        body: approveCarePlanBodySchema.nullish(),
        response: { 200: envelope(carePlanViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await carePlans.approve(actorOf(request), request.params.id, request.body?.note),
    }),
  );

  app.post(
    '/:id/status',
    {
      schema: {
        tags,
        summary: 'Put on hold, resume, complete or discontinue a plan, with a reason (409 lists the allowed ones)',
        params: idParams,
        body: carePlanStatusBodySchema,
        response: { 200: envelope(carePlanViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await carePlans.changeStatus(actorOf(request), request.params.id, request.body),
    }),
  );

  app.post(
    '/:id/goals/:goalId/progress',
    {
      schema: {
        tags,
        summary: 'Record progress on a goal (the care team: supervisor, admin, or an assigned worker)',
        params: goalParams,
        body: goalProgressBodySchema,
        response: { 201: envelope(goalProgressResultSchema) },
      },
    },
    async (request, reply) => {
      const { id, goalId } = request.params;
      const data = await carePlans.recordProgress(actorOf(request), id, goalId, request.body);
      reply.status(201);
      return { success: true as const, data };
    },
  );

  app.get(
    '/:id/versions',
    {
      schema: {
        tags,
        summary: 'Every kept version of a plan, newest first, with who changed it, when and why',
        params: idParams,
        response: { 200: envelope(z.array(carePlanVersionViewSchema)) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await carePlans.versions(actorOf(request), request.params.id),
    }),
  );

  app.get(
    '/:id/versions/diff',
    {
      schema: {
        tags,
        summary: 'What changed between two versions, field by field (default: the latest against the one before)',
        params: idParams,
        querystring: carePlanDiffQuerySchema,
        response: { 200: envelope(carePlanDiffSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await carePlans.diff(actorOf(request), request.params.id, request.query),
    }),
  );
};
