'use client';

import type { BudgetView, ExpenseView } from '@caretracker/shared';
import { Badge, Button, Card, DataTable, EmptyState, Link, type TableColumn, toast } from '@caretracker/ui/components';
import { useErrorMessage } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { useTranslations } from 'next-intl';
import { useDecideExpense } from '@/lib/budgets-api';
import { config } from '@/lib/config';
import { onDay } from './budget-vocabulary';

const STATUS_TONE = { PENDING: 'warning', APPROVED: 'success', REJECTED: 'neutral' } as const;

function Decision({ budgetId, expense }: { budgetId: string; expense: ExpenseView }) {
  const t = useTranslations('budget.expenses');
  const describe = useErrorMessage();
  const decide = useDecideExpense(budgetId);
  const run = (decision: 'approve' | 'reject') =>
    decide.mutate(
      { expenseId: expense.id, decision },
      {
        onSuccess: () =>
          toast.success(t(decision === 'approve' ? 'approved' : 'rejected', { what: expense.description })),
        onError: (error) => toast.error(describe(error)),
      },
    );
  return (
    <span className="flex flex-wrap gap-2">
      <Button
        variant="secondary"
        isPending={decide.isPending && decide.variables?.decision === 'approve'}
        aria-label={t('approveLabel', { what: expense.description })}
        onPress={() => run('approve')}
      >
        {t('approve')}
      </Button>
      <Button
        variant="quiet"
        isPending={decide.isPending && decide.variables?.decision === 'reject'}
        aria-label={t('rejectLabel', { what: expense.description })}
        onPress={() => run('reject')}
      >
        {t('reject')}
      </Button>
    </span>
  );
}

/** The budget's expenses, newest first; pending ones can be approved or rejected here. */
export function BudgetExpenses({ budget }: { budget: BudgetView }) {
  const t = useTranslations('budget.expenses');
  const tc = useTranslations('budget.categories');
  const format = useFormat();
  const columns: TableColumn<ExpenseView>[] = [
    {
      id: 'date',
      label: t('date'),
      sortValue: (row) => row.incurredOn,
      render: (row) => format.date(onDay(row.incurredOn)),
    },
    { id: 'description', label: t('description'), isRowHeader: true, sortValue: (row) => row.description },
    { id: 'category', label: t('category'), sortValue: (row) => row.category, render: (row) => tc(row.category) },
    {
      id: 'amount',
      label: t('amount'),
      align: 'end',
      sortValue: (row) => row.amountCents,
      render: (row) => format.money(row.amountCents),
    },
    {
      id: 'status',
      label: t('status'),
      render: (row) => (
        <span className="flex flex-col items-start gap-1">
          <Badge tone={STATUS_TONE[row.status]}>{t(`statuses.${row.status}`)}</Badge>
          {row.override && <span className="text-sm">{t('override', { reason: row.override.reason })}</span>}
          {row.visitId && <span className="text-ink-muted text-sm">{t('fromVisit')}</span>}
        </span>
      ),
    },
    {
      id: 'receipt',
      label: t('receipt'),
      render: (row) =>
        row.receiptFileId ? (
          <Link
            href={`${config.apiUrl}/files/${row.receiptFileId}`}
            className="inline-flex min-h-11 items-center"
            aria-label={t('receiptLabel', { what: row.description })}
          >
            {t('download')}
          </Link>
        ) : (
          <span className="text-ink-muted">{t('noReceipt')}</span>
        ),
    },
    {
      id: 'actions',
      label: t('actions'),
      render: (row) => (row.status === 'PENDING' ? <Decision budgetId={budget.id} expense={row} /> : null),
    },
  ];
  const rows = [...budget.expenses].sort(
    (a, b) => b.incurredOn.localeCompare(a.incurredOn) || b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <Card
      title={t('title')}
      description={
        budget.approvalLimitCents === null
          ? t('noLimit')
          : t('limit', { amount: format.money(budget.approvalLimitCents) })
      }
    >
      <DataTable
        label={t('title')}
        columns={columns}
        rows={rows}
        empty={<EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>}
      />
    </Card>
  );
}
