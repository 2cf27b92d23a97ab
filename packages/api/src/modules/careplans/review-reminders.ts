import { schema } from '@caretracker/database';
import { CARE_PLAN_REVIEW_REMINDER_DAYS } from '@caretracker/shared';
import { and, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Job } from '../jobs/runner';
import { personName } from '../notifications/wording';
import type { CarePlansDeps } from './service';

const { carePlans } = schema;

const isoDate = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Tells the client's supervisor (or the admins) once per review date that an ACTIVE or ON_HOLD
 * plan is due for review within CARE_PLAN_REVIEW_REMINDER_DAYS. A reminder sent before the
 * current review date's window opened belongs to an earlier review, so a new date reminds again.
 */
export function carePlanReviewJob(deps: Pick<CarePlansDeps, 'db' | 'notifier'>): Job {
  return {
    name: 'care-plan-review',
    intervalMs: 60 * 60_000,
    async run(now: Date) {
      const today = isoDate(now);
      const windowOpens = sql`(${carePlans.nextReviewOn} - ${CARE_PLAN_REVIEW_REMINDER_DAYS}::int)`;
      return deps.db.transaction(async (tx) => {
        // Claiming by update: a concurrent run blocks on the rows, then finds them already reminded.
        const due = await tx
          .update(carePlans)
          .set({ reviewReminderSentOn: today })
          .where(
            and(
              inArray(carePlans.status, ['ACTIVE', 'ON_HOLD']),
              isNull(carePlans.deletedAt),
              lte(carePlans.nextReviewOn, sql`${today}::date + ${CARE_PLAN_REVIEW_REMINDER_DAYS}::int`),
              or(isNull(carePlans.reviewReminderSentOn), sql`${carePlans.reviewReminderSentOn} < ${windowOpens}`),
            ),
          )
          .returning({ id: carePlans.id, clientId: carePlans.clientId, nextReviewOn: carePlans.nextReviewOn });
        for (const plan of due) {
          const overdue = plan.nextReviewOn < today;
          await deps.notifier.notify(
            {
              userIds: await deps.notifier.supervisorsOf(tx, plan.clientId),
              category: 'CARE_PLAN_REVIEW',
              message: {
                key: overdue ? 'carePlanReviewOverdue' : 'carePlanReviewDue',
                params: { client: await personName(tx, plan.clientId), date: plan.nextReviewOn },
              },
              entityType: 'care_plan',
              entityId: plan.id,
            },
            tx,
          );
        }
        return { reminded: due.length };
      });
    },
  };
}
