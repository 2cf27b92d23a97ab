'use client';

import type { BudgetView } from '@caretracker/shared';
import { Badge, Link, NotFoundState } from '@caretracker/ui/components';
import { isNotFound, QueryView } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { PageHeader } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { useBudget } from '@/lib/budgets-api';
import { BudgetExpenses } from './budget-expenses';
import { BudgetForecastCard, BudgetUtilization } from './budget-figures';
import { ALERT_TONE, onDay } from './budget-vocabulary';
import { LazyExpenseForm } from './lazy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function BudgetNotFound() {
  const t = useTranslations('budget');
  const tb = useTranslations('budgets');
  return (
    <>
      <PageHeader title={t('notFoundTitle')} breadcrumbs={[{ href: '/budgets', label: tb('title') }]} />
      <NotFoundState action={<Link href="/budgets">{t('backToBudgets')}</Link>} />
    </>
  );
}

function Budget({ budget }: { budget: BudgetView }) {
  const t = useTranslations('budget');
  const tb = useTranslations('budgets');
  const format = useFormat();
  return (
    <>
      <PageHeader
        title={t('title', { client: budget.clientName })}
        breadcrumbs={[{ href: '/budgets', label: tb('title') }]}
        description={t('description', {
          kind: tb(`periodTypes.${budget.periodType}`),
          from: format.date(onDay(budget.periodStart)),
          to: format.date(onDay(budget.periodEnd)),
          source: budget.fundingSource,
        })}
        actions={
          <span className="flex flex-wrap gap-1">
            <Badge tone={ALERT_TONE[budget.alertLevel]}>{tb(`alert.${budget.alertLevel}`)}</Badge>
            {budget.status === 'CLOSED' && <Badge tone="neutral">{tb('closed')}</Badge>}
          </span>
        }
      />
      <p className="mb-4">
        <Link href={`/clients/${budget.clientId}`}>{t('openClient')}</Link>
      </p>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <BudgetUtilization budget={budget} />
        <BudgetForecastCard budgetId={budget.id} />
      </div>
      <div className="mt-4 flex flex-col gap-4">
        <BudgetExpenses budget={budget} />
        {budget.status === 'ACTIVE' && <LazyExpenseForm budget={budget} />}
      </div>
    </>
  );
}

/** /budgets/[budgetId]: allocations and what they went on, the forecast, expenses and their approval. */
export function BudgetScreen({ budgetId }: { budgetId: string }) {
  const t = useTranslations('budget');
  const valid = UUID.test(budgetId);
  const query = useBudget(budgetId, valid);
  if (!valid || isNotFound(query.error)) return <BudgetNotFound />;
  return (
    <div aria-busy={query.isPending}>
      <QueryView query={query} loading={<PageHeader title={t('loading')} />}>
        {(budget) => <Budget budget={budget} />}
      </QueryView>
    </div>
  );
}
