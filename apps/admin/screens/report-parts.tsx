'use client';

import { ButtonLink, TextField } from '@caretracker/ui/components';
import { useTranslations } from 'next-intl';
import { reportDownload } from '@/lib/reports-api';

export interface Period {
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 731;

/** Why a period cannot be asked for, or null: both dates, in order, at most the API's two years. */
export function periodProblem(period: Period): 'from' | 'to' | 'order' | 'long' | null {
  if (!DATE.test(period.from)) return 'from';
  if (!DATE.test(period.to)) return 'to';
  if (period.to < period.from) return 'order';
  return (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 >= MAX_DAYS ? 'long' : null;
}

export function PeriodFields({ period, onChange }: { period: Period; onChange: (period: Period) => void }) {
  const t = useTranslations('reports.period');
  const problem = periodProblem(period);
  return (
    <>
      <TextField
        label={t('from')}
        type="date"
        value={period.from}
        onChange={(from) => onChange({ ...period, from })}
        error={problem === 'from' ? t('badDate') : undefined}
      />
      <TextField
        label={t('to')}
        type="date"
        value={period.to}
        onChange={(to) => onChange({ ...period, to })}
        error={
          problem === 'to'
            ? t('badDate')
            : problem === 'order'
              ? t('order')
              : problem === 'long'
                ? t('tooLong')
                : undefined
        }
      />
    </>
  );
}

/** CSV and PDF of the report on screen, with the same filters (downloaded with the session). */
export function Downloads({ name, filters, label }: { name: string; filters: Record<string, string>; label: string }) {
  const t = useTranslations('reports');
  return (
    <span className="flex flex-wrap gap-2">
      <ButtonLink href={reportDownload(name, filters, 'csv')} aria-label={t('csvLabel', { report: label })}>
        {t('csv')}
      </ButtonLink>
      <ButtonLink href={reportDownload(name, filters, 'pdf')} aria-label={t('pdfLabel', { report: label })}>
        {t('pdf')}
      </ButtonLink>
    </span>
  );
}
