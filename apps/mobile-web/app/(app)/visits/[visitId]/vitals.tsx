'use client';

import { Card, TextField } from '@caretracker/ui/components';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { VisitDraft } from '@/lib/drafts';

type Ranges = typeof import('@caretracker/shared/vitals');
export const VITAL_FIELDS = [
  'systolic',
  'diastolic',
  'pulse',
  'temperatureC',
  'spo2',
  'glucoseMgDl',
  'weightKg',
] as const;
export type VitalField = (typeof VITAL_FIELDS)[number];
const WHOLE: ReadonlySet<VitalField> = new Set(['systolic', 'diastolic', 'pulse', 'spo2']);

/** The shared ranges (with zod, so loaded once the visit is under way rather than with the page). */
export function useVitalRanges(): Ranges | null {
  const [ranges, setRanges] = useState<Ranges | null>(null);
  useEffect(() => {
    void import('@caretracker/shared/vitals').then(setRanges);
  }, []);
  return ranges;
}

export interface VitalsCheck {
  /** What goes to the API: the readings given, as numbers. */
  values: Partial<Record<VitalField, number>>;
  /** Readings that cannot be right (a typing error): check-out waits until they are fixed. */
  invalid: VitalField[];
  /** Possible but outside the usual range: the supervisor is told; the worker confirms at check-out. */
  flagged: VitalField[];
}

export function checkVitals(draft: VisitDraft, ranges: Ranges | null): VitalsCheck {
  const result: VitalsCheck = { values: {}, invalid: [], flagged: [] };
  for (const field of VITAL_FIELDS) {
    const raw = draft.vitals?.[field]?.trim().replace(',', '.');
    if (!raw) continue;
    const value = Number(raw);
    const range = ranges?.VITAL_RANGES[field];
    if (!Number.isFinite(value) || (range && (value < range.min || value > range.max))) {
      result.invalid.push(field);
      continue;
    }
    result.values[field] = WHOLE.has(field) ? Math.round(value) : value;
    const alert = ranges?.VITAL_ALERT_RANGES[field];
    if (alert && (value < alert.min || value > alert.max)) result.flagged.push(field);
  }
  const { systolic, diastolic } = result.values;
  if (
    (systolic === undefined) !== (diastolic === undefined) ||
    (systolic !== undefined && diastolic !== undefined && systolic <= diastolic)
  ) {
    if (!result.invalid.includes('diastolic')) result.invalid.push('diastolic');
  }
  return result;
}

export function Vitals({
  draft,
  updateDraft,
  ranges,
}: {
  draft: VisitDraft;
  updateDraft: (change: (draft: VisitDraft) => VisitDraft) => void;
  ranges: Ranges | null;
}) {
  const t = useTranslations('vitals');
  const check = checkVitals(draft, ranges);
  return (
    <Card title={t('title')} description={t('hint')}>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {VITAL_FIELDS.map((field) => {
          const range = ranges?.VITAL_RANGES[field];
          const error = check.invalid.includes(field)
            ? field === 'diastolic' && !draft.vitals?.diastolic?.trim()
              ? t('bothPressures')
              : range
                ? t('outOfRange', { min: range.min, max: range.max, unit: range.unit })
                : t('notANumber')
            : undefined;
          return (
            <div key={field}>
              <TextField
                label={t(`field.${field}`)}
                inputMode="decimal"
                value={draft.vitals?.[field] ?? ''}
                onChange={(value) => updateDraft((d) => ({ ...d, vitals: { ...(d.vitals ?? {}), [field]: value } }))}
                {...(error ? { error } : {})}
              />
              {!error && check.flagged.includes(field) && (
                <p className="mt-1 font-semibold text-warning">{t('flagged')}</p>
              )}
            </div>
          );
        })}
      </div>
    </Card>
  );
}
