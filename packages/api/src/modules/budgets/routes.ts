import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { BudgetsService } from './service';

// PLACEHOLDER being replaced by the budgets module.
export const budgetsRoutes: FastifyPluginAsyncZod<{ service: BudgetsService }> = async () => {};
