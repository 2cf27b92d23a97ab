// Baseline routes for the scenarios whose SQL is built by several of the API's query functions
// (overview, search, budget detail): the API's own query code on a Drizzle database over `pg`,
// called from a bare Fastify route with no session, access rule, validation or audit row. So the
// SQL is the same by construction; unlike the hand-written routes in baseline.mts, building its
// text (Drizzle) is on the baseline's side too. Registered by baseline.mts.

import type { FastifyInstance } from 'fastify';
import type { Actor } from '../packages/api/src/context/request-context.ts';
import { findBudget } from '../packages/api/src/modules/budgets/queries.ts';
import { budgetView } from '../packages/api/src/modules/budgets/shape.ts';
import { visibleCarePlansCondition } from '../packages/api/src/modules/careplans/access.ts';
import { listAlerts, summarise } from '../packages/api/src/modules/emergencies/queries.ts';
import { overviewCounts } from '../packages/api/src/modules/overview/queries.ts';
import {
  carePlansSql,
  clientsSql,
  messagesSql,
  rowsOf,
  visitNotesSql,
} from '../packages/api/src/modules/search/queries.ts';
import { visibleUsersCondition } from '../packages/api/src/modules/users/relations.ts';
import { visibleVisitsCondition } from '../packages/api/src/modules/visits/access.ts';
import { createDatabase, registerPhiKeys } from '../packages/database/src/index.ts';
import { CARE_PLAN_REVIEW_REMINDER_DAYS, dateInZone, dayBoundsInZone } from '../packages/shared/src/index.ts';

type Q = Record<string, string>;
const TIME_ZONE = process.env.AGENCY_TIMEZONE ?? 'America/Los_Angeles'; // the API's default;
const TOLERANCE_MINUTES = 15; // the API's EVV_TOLERANCE_MINUTES default

export function registerQueryCodeRoutes(app: FastifyInstance, url: string, poolSize: number) {
  // The client search matches sealed identifiers (MRN) by their keyed digest: the API's data key.
  registerPhiKeys(Buffer.from(process.env.DATA_ENCRYPTION_KEY!, 'base64'));
  const { db, close } = createDatabase({ url, poolSize });
  app.addHook('onClose', close);
  const actor = (q: Q): Actor => ({ id: q.user!, role: q.role as Actor['role'], sessionId: 'baseline' });

  app.get('/overview', async (request) => {
    const who = actor(request.query as Q);
    const now = new Date();
    const today = dateInZone(now, TIME_ZONE);
    const day = dayBoundsInZone(today, TIME_ZONE);
    const window = {
      now,
      dayStart: day.start,
      dayEnd: day.end,
      today,
      toleranceMinutes: TOLERANCE_MINUTES,
      reviewDueDays: CARE_PLAN_REVIEW_REMINDER_DAYS,
    };
    const [counts, open] = await Promise.all([
      overviewCounts(db, who, window),
      listAlerts(db, who, { status: 'OPEN', page: 1, limit: 5 }),
    ]);
    return { data: { counts, latestOpen: await summarise(db, open.rows) } };
  });

  app.get('/search', async (request) => {
    const q = request.query as Q;
    const who = actor(q);
    const limit = 10;
    const [clients, visits, plans, messages] = await Promise.all([
      rowsOf(db, clientsSql(q.q!, visibleUsersCondition(who), who.role !== 'WORKER', limit)),
      rowsOf(db, visitNotesSql(q.q!, visibleVisitsCondition(who), who.role !== 'CLIENT', limit)),
      rowsOf(db, carePlansSql(q.q!, visibleCarePlansCondition(who), limit)),
      rowsOf(db, messagesSql(q.q!, who, limit)),
    ]);
    return { data: { clients, visits, plans, messages } };
  });

  app.get('/budget', async (request) => {
    const q = request.query as Q;
    const budget = await findBudget(db, q.id!);
    if (!budget) throw new Error(`no budget ${q.id}`);
    return { data: await budgetView(db, budget, q.role as Actor['role']) };
  });
}
