'use client';

import { Alert, Button, Card } from '@caretracker/ui/components';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { config } from '@/lib/config';
import { type Period, PeriodFields, periodProblem } from './report-parts';

type State = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; records: number } | { kind: 'failed' };

/**
 * The EVV export for state aggregators: pick the days, download a CSV. A long export shows that
 * it is being prepared (and can be stopped) until the file arrives.
 */
export function EvvExportPanel({ period, onPeriod }: { period: Period; onPeriod: (period: Period) => void }) {
  const t = useTranslations('reports.evv');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const invalid = periodProblem(period) !== null;

  const run = async () => {
    controller.current = new AbortController();
    setState({ kind: 'working' });
    try {
      const query = new URLSearchParams({ from: period.from, to: period.to, format: 'csv' });
      const response = await fetch(`${config.apiUrl}/exports/evv?${query}`, {
        credentials: 'include',
        signal: controller.current.signal,
      });
      if (!response.ok) throw new Error(String(response.status));
      const csv = await response.text();
      const records = Math.max(0, csv.trim().split('\n').length - 1);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `evv-export-${period.from}-to-${period.to}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
      setState({ kind: 'done', records });
    } catch (error) {
      setState(error instanceof DOMException && error.name === 'AbortError' ? { kind: 'idle' } : { kind: 'failed' });
    }
  };

  return (
    <Card title={t('title')} description={t('description')} className="mt-4">
      <div className="flex flex-col gap-4" aria-busy={state.kind === 'working'}>
        <PeriodFields period={period} onChange={onPeriod} />
        <div className="flex flex-wrap gap-2">
          <Button onPress={run} isDisabled={invalid || state.kind === 'working'} isPending={state.kind === 'working'}>
            {t('download')}
          </Button>
          {state.kind === 'working' && (
            <Button variant="secondary" onPress={() => controller.current?.abort()}>
              {t('stop')}
            </Button>
          )}
        </div>
        <div role="status" aria-live="polite">
          {state.kind === 'working' && <p>{t('working')}</p>}
          {state.kind === 'done' && <Alert tone="success">{t('done', { count: state.records })}</Alert>}
        </div>
        {state.kind === 'failed' && <Alert tone="error">{t('failed')}</Alert>}
      </div>
    </Card>
  );
}
