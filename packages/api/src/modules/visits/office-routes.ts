import {
  envelope,
  officeVisitsAnswerSchema,
  officeVisitsQuerySchema,
  scheduleBoardQuerySchema,
  scheduleBoardSchema,
} from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../plugins/request-context';
import type { VisitsService } from './service';

const tags = ['office'];

/** The office's visit list and scheduling board; registered by `visitsRoutes`, behind its sign-in guard. */
export const officeVisitsRoutes: FastifyPluginAsyncZod<{ visits: VisitsService }> = async (app, { visits }) => {
  app.get(
    '/office/visits',
    {
      schema: {
        tags,
        summary: 'Visits for the office (supervisors: their team), keyset-paged by scheduled start',
        description:
          'Visits whose scheduled start falls in [from, to) (at most 366 days; not needed with `exceptions=open`). `attention`: UPCOMING, LATE (not checked in, start + EVV tolerance passed, end not yet) or MISSED (NO_SHOW, or never checked in and its end passed). Pass `page.nextCursor` as `cursor` for the next page; `page.count` stops counting at 1,000.',
        querystring: officeVisitsQuerySchema,
        response: { 200: officeVisitsAnswerSchema },
      },
    },
    async (request) => ({ success: true as const, ...(await visits.officeList(actorOf(request), request.query)) }),
  );

  app.get(
    '/office/schedule',
    {
      schema: {
        tags,
        summary:
          'Scheduling board: a day or week of visits by worker (with skills and weekly availability) and the unassigned lane',
        description:
          "Days are the agency's (AGENCY_TIMEZONE). Moving a visit is `PUT /visits/:id` with `workerId` and/or times: a clash answers 409 with `details.clashingVisitId`, its times and its client.",
        querystring: scheduleBoardQuerySchema,
        response: { 200: envelope(scheduleBoardSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await visits.scheduleBoard(actorOf(request), request.query) }),
  );
};
