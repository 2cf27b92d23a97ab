import type { CarePlanView } from '@caretracker/shared';
import { useTranslations } from 'next-intl';

/** A care plan's goals and medicines (with their times, or "as needed"), as the office reads them. */
export function PlanGoalsAndMedications({ plan }: { plan: CarePlanView }) {
  const t = useTranslations('carePlan');
  return (
    <>
      {plan.goals.length > 0 && (
        <section>
          <h3 className="font-semibold text-ink">{t('goals')}</h3>
          <ul className="list-disc pl-6">
            {plan.goals.map((goal) => (
              <li key={goal.id}>{goal.description}</li>
            ))}
          </ul>
        </section>
      )}
      {plan.medications.length > 0 && (
        <section>
          <h3 className="font-semibold text-ink">{t('medications')}</h3>
          <ul className="list-disc pl-6">
            {plan.medications.map((medication) => (
              <li key={medication.id}>
                {medication.name}, {medication.dose}
                {medication.prn
                  ? ` (${t('asNeeded')})`
                  : medication.times.length
                    ? ` — ${medication.times.join(', ')}`
                    : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
