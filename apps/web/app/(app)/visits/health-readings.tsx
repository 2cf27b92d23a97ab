'use client';

import type { VisitView } from '@caretracker/shared';
import { Card, LoadingState } from '@caretracker/ui/components';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useWords } from '@/lib/use-words';

const ChartWithTable = dynamic(() => import('@caretracker/ui/charts').then((m) => m.ChartWithTable), {
  ssr: false,
  loading: () => <LoadingState lines={5} />,
});

const SERIES = ['systolic', 'diastolic', 'pulse', 'glucoseMgDl'] as const;

/** The readings taken at past visits (blood pressure, pulse, blood sugar) as a line chart and its table. */
export function HealthReadings({ visits }: { visits: readonly VisitView[] }) {
  const t = useTranslations('portal.visits');
  const words = useWords();
  const measured = visits
    .filter((visit) => visit.status === 'COMPLETED' && visit.vitals && SERIES.some((key) => key in visit.vitals!))
    .slice(0, 10)
    .reverse();
  if (measured.length === 0) return null;
  const present = SERIES.filter((key) => measured.some((visit) => visit.vitals?.[key] !== undefined));
  const rows = measured.map((visit) => ({
    label: words.format.date(visit.scheduledStart),
    ...Object.fromEntries(present.map((key) => [key, visit.vitals?.[key] ?? null])),
  }));
  return (
    <section aria-labelledby="visits-readings">
      <h2 id="visits-readings" className="mb-3 font-bold text-2xl text-ink">
        {t('readings')}
      </h2>
      <Card>
        <ChartWithTable
          kind="line"
          title={t('readingsChart')}
          description={t('readingsDescription')}
          rows={rows}
          series={present.map((key) => ({ key, label: t(`vitals.${key}`) }))}
          categoryLabel={t('readingsDate')}
          formatValue={(value) => words.format.number(value)}
        />
      </Card>
    </section>
  );
}
