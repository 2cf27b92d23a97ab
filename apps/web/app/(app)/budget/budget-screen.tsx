'use client';

import type { BudgetView } from '@caretracker/shared';
import { BUDGET_CATEGORIES, type BudgetCategory } from '@caretracker/shared/budget-categories';
import { Alert, Card, EmptyState, LoadingState } from '@caretracker/ui/components';
import { QueryView } from '@caretracker/ui/data';
import { PageHeader } from '@caretracker/ui/shell';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useBudgetForecast, useCurrentBudget } from '@/lib/portal-data';
import { useWords } from '@/lib/use-words';
import { ExpensesList } from './expenses-list';

// Recharts is heavy: the chart (and its table) load after the page.
const ChartWithTable = dynamic(() => import('@caretracker/ui/charts').then((m) => m.ChartWithTable), {
  ssr: false,
  loading: () => <LoadingState lines={6} />,
});

/** `/budget`: this period's allocation and spending by category, as a chart and its table. */
export function BudgetScreen() {
  const t = useTranslations('portal.budget');
  const budget = useCurrentBudget();
  return (
    <div aria-busy={budget.isPending}>
      <PageHeader title={t('title')} description={t('intro')} />
      <QueryView
        query={budget}
        loading={<LoadingState lines={6} />}
        isEmpty={(data) => data === null}
        empty={
          <EmptyState title={t('none')} icon="chart">
            {t('noneBody')}
          </EmptyState>
        }
      >
        {(data) => (data ? <BudgetBody budget={data} /> : null)}
      </QueryView>
    </div>
  );
}

function BudgetBody({ budget }: { budget: BudgetView }) {
  const t = useTranslations('portal.budget');
  const words = useWords();
  const { format } = words;
  const { totals } = budget;
  const used = totals.spentCents + totals.pendingCents;
  const figures: [string, number, string][] = [
    [t('total'), totals.allocationCents, 'budget-total'],
    [t('used'), used, 'budget-used'],
    [t('left'), totals.remainingCents, 'budget-left'],
    [t('booked'), totals.committedCents, 'budget-booked'],
  ];
  const rows = budget.categories
    .filter((c) => c.allocationCents > 0 || c.spentCents + c.pendingCents > 0)
    .map((c) => ({
      label: (BUDGET_CATEGORIES as readonly string[]).includes(c.category) ? t(`categories.${c.category}`) : c.category,
      allocated: c.allocationCents,
      spent: c.spentCents + c.pendingCents,
      remaining: c.remainingCents,
    }));
  const percent =
    (budget.alertLevel === 'CRITICAL' ? budget.thresholds.criticalPct : budget.thresholds.warningPct) / 100;
  return (
    <div className="flex flex-col gap-6">
      <p className="text-ink text-lg">
        {t('period', { start: words.calendar(budget.periodStart), end: words.calendar(budget.periodEnd) })}
      </p>
      {totals.alertLevel !== 'NONE' && (
        <Alert tone="warning" live="polite">
          {totals.alertLevel === 'CRITICAL' ? t('critical') : t('warning', { percent: format.percent(percent) })}
        </Alert>
      )}
      <Card>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {figures.map(([label, cents, id]) => (
            <div key={id} className="flex flex-col gap-1">
              <dt className="text-ink-muted text-lg">{label}</dt>
              <dd className="font-bold text-2xl text-ink" data-testid={id}>
                {format.money(cents)}
              </dd>
            </div>
          ))}
        </dl>
      </Card>
      <Forecast budgetId={budget.id} />
      <Card>
        <ChartWithTable
          title={t('chartTitle')}
          description={t('chartDescription')}
          rows={rows}
          series={[
            { key: 'allocated', label: t('allocated') },
            { key: 'spent', label: t('spent') },
            { key: 'remaining', label: t('remaining') },
          ]}
          categoryLabel={t('category')}
          formatValue={words.moneyShort}
        />
      </Card>
      <ExpensesList
        expenses={budget.expenses}
        categoryName={(c) =>
          (BUDGET_CATEGORIES as readonly string[]).includes(c) ? t(`categories.${c as BudgetCategory}`) : c
        }
      />
    </div>
  );
}

/** Where spending is heading by the end of the period, from the pace so far and the booked visits. */
function Forecast({ budgetId }: { budgetId: string }) {
  const t = useTranslations('portal.budget');
  const words = useWords();
  const forecast = useBudgetForecast(budgetId);
  if (!forecast.data) return null;
  const { total, periodEnd } = forecast.data;
  return (
    <Card title={t('forecastTitle')}>
      <p className="text-ink text-lg" data-testid="budget-forecast">
        {total.overBudget
          ? t('forecastOver', {
              amount: words.format.money(-total.projectedRemainingCents),
              end: words.calendar(periodEnd),
            })
          : t('forecastOk', {
              amount: words.format.money(total.projectedRemainingCents),
              end: words.calendar(periodEnd),
            })}
      </p>
    </Card>
  );
}
