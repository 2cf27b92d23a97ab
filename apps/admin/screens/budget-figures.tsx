'use client';

import type { BudgetForecast, BudgetView } from '@caretracker/shared';
import { Alert, Badge, Card } from '@caretracker/ui/components';
import { QueryView } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { useTranslations } from 'next-intl';
import { useBudgetForecast } from '@/lib/budgets-api';
import { ALERT_TONE, onDay } from './budget-vocabulary';
import { LazyChartWithTable } from './lazy';

/** Allocation, spent, pending and committed per category: a bar chart with the same numbers as a table. */
export function BudgetUtilization({ budget }: { budget: BudgetView }) {
  const t = useTranslations('budget');
  const tb = useTranslations('budgets');
  const format = useFormat();
  const rows = budget.categories.map((category) => ({
    label: t(`categories.${category.category}`),
    allocation: category.allocationCents,
    spent: category.spentCents,
    pending: category.pendingCents,
    committed: category.committedCents,
  }));
  const totals = budget.totals;
  return (
    <Card title={t('utilization.title')}>
      <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold text-ink">{t('utilization.total')}</dt>
        <dd>{format.money(budget.totalCents)}</dd>
        <dt className="font-semibold text-ink">{t('utilization.allocated')}</dt>
        <dd>{format.money(totals.allocatedCents)}</dd>
        <dt className="font-semibold text-ink">{t('utilization.used')}</dt>
        <dd>
          {format.money(totals.spentCents + totals.pendingCents)}
          {totals.utilizationPct !== null && ` (${format.percent(totals.utilizationPct / 100)})`}
        </dd>
        <dt className="font-semibold text-ink">{t('utilization.remaining')}</dt>
        <dd>{format.money(totals.remainingCents)}</dd>
        <dt className="font-semibold text-ink">{t('utilization.committed')}</dt>
        <dd>{format.money(totals.committedCents)}</dd>
        <dt className="font-semibold text-ink">{t('utilization.state')}</dt>
        <dd>
          <Badge tone={ALERT_TONE[totals.alertLevel]}>{tb(`alert.${totals.alertLevel}`)}</Badge>
        </dd>
      </dl>
      {rows.length === 0 ? (
        <p className="text-ink-muted">{t('utilization.noAllocations')}</p>
      ) : (
        <LazyChartWithTable
          title={t('utilization.chartTitle')}
          description={t('utilization.chartDescription')}
          kind="bar"
          rows={rows}
          series={[
            { key: 'allocation', label: t('utilization.allocation') },
            { key: 'spent', label: t('utilization.spent') },
            { key: 'pending', label: t('utilization.pending') },
            { key: 'committed', label: t('utilization.committedSeries') },
          ]}
          categoryLabel={t('utilization.category')}
          formatValue={(cents) => format.money(cents)}
        />
      )}
    </Card>
  );
}

function Forecast({ forecast }: { forecast: BudgetForecast }) {
  const t = useTranslations('budget.forecast');
  const tc = useTranslations('budget.categories');
  const format = useFormat();
  const total = forecast.total;
  return (
    <>
      <p className="mb-2">
        {t('summary', {
          projected: format.money(total.projectedCents),
          allocation: format.money(total.allocationCents),
          end: format.date(onDay(forecast.periodEnd)),
        })}
      </p>
      {total.overBudget ? (
        <Alert tone="warning" className="mb-3">
          {t('over', { amount: format.money(-total.projectedRemainingCents) })}
        </Alert>
      ) : (
        <p className="mb-3 text-ink-muted">{t('within', { amount: format.money(total.projectedRemainingCents) })}</p>
      )}
      <p className="mb-3 text-ink-muted text-sm">
        {t('how', { elapsed: forecast.elapsedDays, days: forecast.periodDays })}
      </p>
      <ul className="flex flex-col gap-1">
        {forecast.categories.map((category) => (
          <li key={category.category}>
            <strong>{tc(category.category)}</strong>:{' '}
            {t('line', {
              projected: format.money(category.projectedCents),
              allocation: format.money(category.allocationCents),
            })}
            {category.overBudget && (
              <>
                {' '}
                <Badge tone="warning">{t('overBadge')}</Badge>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Spend projected to the period's end at the pace so far, plus the visits already booked. */
export function BudgetForecastCard({ budgetId }: { budgetId: string }) {
  const t = useTranslations('budget.forecast');
  const query = useBudgetForecast(budgetId);
  return (
    <Card title={t('title')}>
      <QueryView query={query}>{(forecast) => <Forecast forecast={forecast} />}</QueryView>
    </Card>
  );
}
