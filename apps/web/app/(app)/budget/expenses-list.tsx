'use client';

import type { ExpenseView } from '@caretracker/shared';
import { Badge, Card } from '@caretracker/ui/components';
import { useTranslations } from 'next-intl';
import { config } from '@/lib/config';
import { useWords } from '@/lib/use-words';

const TONES = { PENDING: 'warning', APPROVED: 'success', REJECTED: 'neutral' } as const;

/**
 * This period's expenses, newest first: when, what, the type of care, the amount, where it stands,
 * and its receipt to download when there is one (the API checks the file is the client's own).
 */
export function ExpensesList({
  expenses,
  categoryName,
}: {
  expenses: ExpenseView[];
  categoryName: (c: string) => string;
}) {
  const t = useTranslations('portal.budget.expenses');
  const words = useWords();
  const rows = [...expenses].sort(
    (a, b) => b.incurredOn.localeCompare(a.incurredOn) || b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <Card title={t('title')} description={t('intro')}>
      {rows.length === 0 ? (
        <p className="text-ink text-lg">{t('none')}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-border-subtle">
          {rows.map((expense) => (
            <li
              key={expense.id}
              className="flex flex-wrap items-start justify-between gap-x-6 gap-y-2 py-3"
              data-testid="expense"
            >
              <div className="flex min-w-0 flex-col gap-1">
                <p className="font-semibold text-ink text-lg break-words">{expense.description}</p>
                <p className="text-ink-muted">
                  {words.calendar(expense.incurredOn)} · {categoryName(expense.category)}
                </p>
                {expense.receiptFileId && (
                  <a
                    href={`${config.apiUrl}/files/${expense.receiptFileId}`}
                    className="inline-flex min-h-11 items-center font-semibold text-brand underline underline-offset-4"
                    download
                  >
                    {t('receipt', { what: expense.description })}
                  </a>
                )}
              </div>
              <div className="flex flex-col items-end gap-1">
                <p className="font-bold text-ink text-lg">{words.format.money(expense.amountCents)}</p>
                <Badge tone={TONES[expense.status]}>{t(`status.${expense.status}`)}</Badge>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
