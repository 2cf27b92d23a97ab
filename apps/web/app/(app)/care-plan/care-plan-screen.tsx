'use client';

import type { CarePlanView } from '@caretracker/shared';
import { Card, EmptyState, LoadingState } from '@caretracker/ui/components';
import { QueryView } from '@caretracker/ui/data';
import { PageHeader } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { useCarePlan, usePortalHome } from '@/lib/portal-data';
import { useWords } from '@/lib/use-words';

/** `/care-plan`: the client's active plan in plain words (no codes): goals, help, medicines, review date. */
export function CarePlanScreen() {
  const t = useTranslations('portal.plan');
  const home = usePortalHome();
  const planId = home.data?.carePlan?.id ?? null;
  const plan = useCarePlan(planId);
  const busy = home.isPending || (planId !== null && plan.isPending);
  return (
    <div aria-busy={busy}>
      <PageHeader title={t('title')} description={t('intro')} />
      <QueryView
        query={home}
        loading={<LoadingState lines={6} />}
        isEmpty={(data) => data.carePlan === null}
        empty={
          <EmptyState title={t('none')} icon="document">
            {t('noneBody')}
          </EmptyState>
        }
      >
        {() => (
          <QueryView query={plan} loading={<LoadingState lines={6} />}>
            {(data) => <PlanBody plan={data} />}
          </QueryView>
        )}
      </QueryView>
    </div>
  );
}

/** The newest progress reading with a value. */
function latestProgress(goal: CarePlanView['goals'][number]) {
  return [...goal.progress]
    .filter((entry) => entry.value !== null)
    .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt))[0];
}

function PlanBody({ plan }: { plan: CarePlanView }) {
  const t = useTranslations('portal.plan');
  const words = useWords();
  return (
    <div className="flex flex-col gap-6">
      <Card title={plan.title} description={t('review', { date: words.calendar(plan.nextReviewOn) })}>
        {plan.specialInstructions && <p className="text-ink text-lg">{plan.specialInstructions}</p>}
      </Card>
      {plan.goals.length > 0 && (
        <Card title={t('goals')}>
          <ul className="flex flex-col gap-3 text-lg">
            {plan.goals.map((goal) => (
              <li key={goal.id}>
                <p className="font-semibold text-ink">{goal.description}</p>
                {goal.targetValue !== null && (
                  <p className="text-ink-muted">
                    {t('target', { target: `${goal.targetValue}${goal.unit ? ` ${goal.unit}` : ''}` })}
                  </p>
                )}
                {latestProgress(goal) && (
                  <p className="text-ink-muted">
                    {t('latest', {
                      value: `${latestProgress(goal)!.value}${goal.unit ? ` ${goal.unit}` : ''}`,
                      date: words.format.dateLong(latestProgress(goal)!.recordedAt),
                    })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {plan.activities.length > 0 && (
        <Card title={t('activities')}>
          <ul className="flex list-disc flex-col gap-2 pl-6 text-lg">
            {plan.activities.map((activity) => (
              <li key={activity.code} className="text-ink">
                {activity.name}
                {activity.instructions && <span className="block text-ink-muted">{activity.instructions}</span>}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {plan.medications.length > 0 && (
        <Card title={t('medicines')}>
          <ul className="flex flex-col gap-3 text-lg">
            {plan.medications.map((medicine) => (
              <li key={medicine.id}>
                <p className="font-semibold text-ink">
                  {medicine.name}, {medicine.dose}
                </p>
                <p className="text-ink-muted">
                  {medicine.prn
                    ? t('asNeeded', { why: medicine.prnIndication ?? '' })
                    : t('at', { times: medicine.times.map(words.clock).join(', ') })}
                </p>
                {medicine.instructions && <p className="text-ink-muted">{medicine.instructions}</p>}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
