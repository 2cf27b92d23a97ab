'use client';

import { useTranslations } from 'next-intl';
import type { VisitDraft } from '@/lib/drafts';
import type { Activity } from './during-visit';
import type { VitalsCheck } from './vitals';

/**
 * What the check-out will send, in plain words: each task with its outcome (a task without one is
 * named, not dropped), the doses, the readings, the notes and the photos.
 */
export function CheckOutSummary({
  activities,
  draft,
  dosesDue,
  missingDoses,
  vitals,
  photos,
}: {
  activities: Activity[];
  draft: VisitDraft;
  dosesDue: number;
  missingDoses: string[];
  vitals: VitalsCheck;
  photos: number;
}) {
  const t = useTranslations('checkOut');
  const tv = useTranslations('vitals');
  const td = useTranslations('duringVisit');
  const readings = Object.keys(vitals.values) as Array<keyof VitalsCheck['values']>;
  const outcome = { DONE: td('done'), REFUSED: td('refused'), NOT_DONE: td('notDone') } as const;

  return (
    <div className="mb-3">
      <h3 className="mb-1 font-semibold text-ink">{t('summaryTitle')}</h3>
      <ul className="flex flex-col gap-1 text-ink" aria-label={t('summaryTitle')}>
        {activities.map((activity) => {
          const entry = draft.activities[activity.code];
          return (
            <li key={activity.code}>
              {activity.name}: {entry ? outcome[entry.status] : <strong>{t('noOutcome')}</strong>}
            </li>
          );
        })}
        <li>{t('dosesSummary', { recorded: dosesDue - missingDoses.length, total: dosesDue })}</li>
        <li>
          {readings.length > 0
            ? t('vitalsSummary', { names: readings.map((field) => tv(`field.${field}`)).join(', ') })
            : t('noVitals')}
        </li>
        <li>{draft.notes.trim() ? t('notesWritten') : t('noNotes')}</li>
        <li>{t('photosSummary', { count: photos })}</li>
      </ul>
    </div>
  );
}
