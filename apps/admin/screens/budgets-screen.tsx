'use client';

import type { BudgetSummary } from '@caretracker/shared';
import {
  Badge,
  Card,
  DataTable,
  EmptyState,
  Link,
  type Option,
  Select,
  type TableColumn,
} from '@caretracker/ui/components';
import { QueryView } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { PageHeader } from '@caretracker/ui/shell';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useBudgets, useUncoveredVisits } from '@/lib/budgets-api';
import { ALERT_TONE, onDay } from './budget-vocabulary';

type Show = 'all' | 'overThreshold' | 'pendingExpenses';
// Filters the overview's tiles put in the address (GET /budgets takes them as they are).
const PASSED_ON = ['status', 'periodStart', 'periodEnd', 'clientId'] as const;

function BudgetTable({ rows }: { rows: BudgetSummary[] }) {
  const t = useTranslations('budgets');
  const format = useFormat();
  const columns: TableColumn<BudgetSummary>[] = [
    {
      id: 'client',
      label: t('columns.client'),
      isRowHeader: true,
      sortValue: (row) => row.clientName,
      render: (row) => <Link href={`/budgets/${row.id}`}>{row.clientName}</Link>,
    },
    {
      id: 'period',
      label: t('columns.period'),
      sortValue: (row) => row.periodStart,
      render: (row) =>
        t('period', {
          kind: t(`periodTypes.${row.periodType}`),
          from: format.date(onDay(row.periodStart)),
          to: format.date(onDay(row.periodEnd)),
        }),
    },
    {
      id: 'total',
      label: t('columns.total'),
      align: 'end',
      sortValue: (row) => row.totalCents,
      render: (row) => format.money(row.totalCents),
    },
    {
      id: 'spent',
      label: t('columns.spent'),
      align: 'end',
      sortValue: (row) => row.spentCents,
      render: (row) => format.money(row.spentCents),
    },
    {
      id: 'pending',
      label: t('columns.pending'),
      align: 'end',
      sortValue: (row) => row.pendingCents,
      render: (row) => format.money(row.pendingCents),
    },
    {
      id: 'state',
      label: t('columns.state'),
      render: (row) => (
        <span className="flex flex-wrap gap-1">
          <Badge tone={ALERT_TONE[row.alertLevel]}>{t(`alert.${row.alertLevel}`)}</Badge>
          {row.status === 'CLOSED' && <Badge tone="neutral">{t('closed')}</Badge>}
        </span>
      ),
    },
  ];
  return (
    <DataTable
      label={t('tableLabel')}
      columns={columns}
      rows={rows}
      empty={<EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>}
    />
  );
}

/** Visits on days no budget of their client covers: their cost is booked nowhere until a budget is added. */
function UncoveredVisits() {
  const t = useTranslations('budgets.uncovered');
  const format = useFormat();
  const query = useUncoveredVisits({});
  return (
    <Card title={t('title')} description={t('description')} className="mt-6">
      <QueryView query={query}>
        {(answer) =>
          answer.visits.length === 0 ? (
            <p className="text-ink-muted">
              {t('none', { from: format.date(onDay(answer.from)), to: format.date(onDay(answer.to)) })}
            </p>
          ) : (
            <>
              <p className="mb-2" data-testid="uncovered-count">
                {t('count', {
                  count: answer.totals.visits,
                  completed: answer.totals.completed,
                  booked: answer.totals.booked,
                })}
              </p>
              <ul className="flex flex-col gap-1">
                {answer.visits.slice(0, 50).map((visit) => (
                  <li key={visit.visitId} className="flex flex-wrap items-center gap-2">
                    <Link href={`/visits/${visit.visitId}`} className="inline-flex min-h-11 items-center">
                      {t('visit', {
                        client: visit.clientName,
                        date: format.date(onDay(visit.serviceDate)),
                        start: format.time(visit.scheduledStart),
                      })}
                    </Link>
                    <Badge tone={visit.status === 'COMPLETED' ? 'warning' : 'neutral'}>
                      {t(visit.status === 'COMPLETED' ? 'completed' : 'booked')}
                    </Badge>
                    {visit.costCents != null && <span>{t('cost', { amount: format.money(visit.costCents) })}</span>}
                  </li>
                ))}
              </ul>
              {(answer.truncated || answer.visits.length > 50) && <p className="mt-2 text-ink-muted">{t('more')}</p>}
            </>
          )
        }
      </QueryView>
    </Card>
  );
}

/** /budgets: every budget the user may see, filtered as the overview's tiles ask, and the visits no budget covers. */
export function BudgetsScreen() {
  const t = useTranslations('budgets');
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const show: Show =
    params.get('overThreshold') === 'true'
      ? 'overThreshold'
      : params.get('pendingExpenses') === 'true'
        ? 'pendingExpenses'
        : 'all';
  const filters: Record<string, string> = { limit: '100' };
  for (const name of PASSED_ON) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  if (show !== 'all') filters[show] = 'true';
  const query = useBudgets(filters);
  const options: Option[] = (['all', 'overThreshold', 'pendingExpenses'] as const).map((id) => ({
    id,
    label: t(`show.${id}`),
  }));
  const choose = (next: Show) => {
    const search = new URLSearchParams();
    for (const name of PASSED_ON) {
      const value = params.get(name);
      if (value) search.set(name, value);
    }
    if (next !== 'all') search.set(next, 'true');
    router.replace(`${pathname}${search.size ? `?${search.toString()}` : ''}`, { scroll: false });
  };
  return (
    <div aria-busy={query.isPending || query.isFetching}>
      <PageHeader title={t('title')} description={t('description')} />
      <search aria-label={t('filters')} className="mb-4 max-w-sm">
        <Select
          label={t('showLabel')}
          options={options}
          selectedKey={show}
          onSelectionChange={(key) => choose(String(key) as Show)}
        />
      </search>
      <QueryView query={query}>{(rows) => <BudgetTable rows={rows} />}</QueryView>
      <UncoveredVisits />
    </div>
  );
}
