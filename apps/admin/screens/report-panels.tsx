'use client';

import { Card, type Option, Select } from '@caretracker/ui/components';
import { QueryView } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useBudgetReport, useTimesheetReport, useVisitReport } from '@/lib/reports-api';
import { onDay } from './budget-vocabulary';
import { LazyChartWithTable } from './lazy';
import { Downloads, type Period, PeriodFields, periodProblem } from './report-parts';

const GROUPINGS = ['day', 'week', 'month'] as const;
type Grouping = (typeof GROUPINGS)[number];

export function VisitReportPanel({ period, onPeriod }: { period: Period; onPeriod: (period: Period) => void }) {
  const t = useTranslations('reports.visits');
  const format = useFormat();
  const [groupBy, setGroupBy] = useState<Grouping>('week');
  const filters = { from: period.from, to: period.to, groupBy };
  const valid = periodProblem(period) === null;
  const query = useVisitReport(filters, valid);
  const options: Option[] = GROUPINGS.map((id) => ({ id, label: t(`groupBy.${id}`) }));
  return (
    <div className="flex flex-col gap-4" aria-busy={valid && query.isFetching}>
      <search aria-label={t('filters')} className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <PeriodFields period={period} onChange={onPeriod} />
        <Select
          label={t('group')}
          options={options}
          selectedKey={groupBy}
          onSelectionChange={(key) => setGroupBy(String(key) as Grouping)}
        />
      </search>
      {valid && <Downloads name="visits" filters={filters} label={t('title')} />}
      {valid && (
        <QueryView query={query}>
          {(report) => (
            <>
              <Card title={t('totals')}>
                <dl className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-4">
                  <dt className="font-semibold text-ink">{t('visitsCount')}</dt>
                  <dd data-testid="report-visits">{format.number(report.total.visits)}</dd>
                  <dt className="font-semibold text-ink">{t('completed')}</dt>
                  <dd>{format.number(report.total.byStatus.COMPLETED)}</dd>
                  <dt className="font-semibold text-ink">{t('completionRate')}</dt>
                  <dd>
                    {report.total.completionRate === null ? t('none') : format.percent(report.total.completionRate)}
                  </dd>
                  <dt className="font-semibold text-ink">{t('onTimeRate')}</dt>
                  <dd>{report.total.onTimeRate === null ? t('none') : format.percent(report.total.onTimeRate)}</dd>
                  <dt className="font-semibold text-ink">{t('exceptions')}</dt>
                  <dd>{format.number(report.total.evvExceptions.total)}</dd>
                  <dt className="font-semibold text-ink">{t('refusedDoses')}</dt>
                  <dd>{format.number(report.total.refusedDoses)}</dd>
                </dl>
              </Card>
              {report.groups.length === 0 ? (
                <p className="text-ink-muted">{t('empty')}</p>
              ) : (
                <LazyChartWithTable
                  title={t('chartTitle')}
                  description={t('chartDescription')}
                  kind="bar"
                  categoryLabel={t(`groupBy.${report.groupBy}`)}
                  rows={report.groups.map((group) => ({
                    label: format.date(onDay(group.period)),
                    completed: group.byStatus.COMPLETED,
                    cancelled: group.byStatus.CANCELLED,
                    noShow: group.byStatus.NO_SHOW,
                    exceptions: group.evvExceptions.total,
                  }))}
                  series={[
                    { key: 'completed', label: t('completed') },
                    { key: 'cancelled', label: t('cancelled') },
                    { key: 'noShow', label: t('noShow') },
                    { key: 'exceptions', label: t('exceptions') },
                  ]}
                  formatValue={(value) => format.number(value)}
                />
              )}
            </>
          )}
        </QueryView>
      )}
    </div>
  );
}

export function TimesheetReportPanel({ period, onPeriod }: { period: Period; onPeriod: (period: Period) => void }) {
  const t = useTranslations('reports.timesheets');
  const format = useFormat();
  const filters = { from: period.from, to: period.to };
  const valid = periodProblem(period) === null;
  const query = useTimesheetReport(filters, valid);
  return (
    <div className="flex flex-col gap-4" aria-busy={valid && query.isFetching}>
      <search aria-label={t('filters')} className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <PeriodFields period={period} onChange={onPeriod} />
      </search>
      {valid && <Downloads name="timesheets" filters={filters} label={t('title')} />}
      {valid && (
        <QueryView query={query}>
          {(report) => (
            <>
              <p data-testid="report-hours">
                {t('totals', { hours: format.number(report.totals.hours), visits: report.totals.visits })}
              </p>
              {report.workers.length === 0 ? (
                <p className="text-ink-muted">{t('empty')}</p>
              ) : (
                <LazyChartWithTable
                  title={t('chartTitle')}
                  description={t('chartDescription')}
                  kind="bar"
                  categoryLabel={t('worker')}
                  rows={report.workers.map((worker) => ({
                    label: worker.workerName,
                    hours: worker.totalHours,
                    visits: worker.totalVisits,
                  }))}
                  series={[
                    { key: 'hours', label: t('hours') },
                    { key: 'visits', label: t('visits') },
                  ]}
                  formatValue={(value) => format.number(value)}
                />
              )}
            </>
          )}
        </QueryView>
      )}
    </div>
  );
}

export function BudgetReportPanel() {
  const t = useTranslations('reports.budgets');
  const format = useFormat();
  const query = useBudgetReport({});
  return (
    <div className="flex flex-col gap-4" aria-busy={query.isFetching}>
      <Downloads name="budgets" filters={{}} label={t('title')} />
      <QueryView query={query}>
        {(report) => (
          <>
            <p>
              {t('totals', {
                date: format.date(onDay(report.asOf)),
                total: format.money(report.totals.totalCents),
                spent: format.money(report.totals.spentCents),
                forecast: format.money(report.totals.forecastCents),
              })}
            </p>
            {report.overThreshold.length > 0 && (
              <Card title={t('overTitle')}>
                <ul className="list-disc pl-6">
                  {report.overThreshold.map((item) => (
                    <li key={`${item.budgetId}-${item.category ?? 'total'}`}>
                      {t('overItem', {
                        client: item.clientName,
                        what: item.category ? t('category') : t('whole'),
                        pct: item.utilizationPct === null ? '—' : format.percent(item.utilizationPct / 100),
                      })}
                    </li>
                  ))}
                </ul>
              </Card>
            )}
            {report.budgets.length === 0 ? (
              <p className="text-ink-muted">{t('empty')}</p>
            ) : (
              <LazyChartWithTable
                title={t('chartTitle')}
                description={t('chartDescription')}
                kind="bar"
                categoryLabel={t('client')}
                rows={report.budgets.map((budget) => ({
                  label: budget.clientName,
                  total: budget.totalCents,
                  spent: budget.spentCents,
                  forecast: budget.forecastCents,
                }))}
                series={[
                  { key: 'total', label: t('total') },
                  { key: 'spent', label: t('spent') },
                  { key: 'forecast', label: t('forecast') },
                ]}
                formatValue={(cents) => format.money(cents)}
              />
            )}
          </>
        )}
      </QueryView>
    </div>
  );
}
