'use client';

import type { BudgetView } from '@caretracker/shared';
import { BUDGET_CATEGORIES } from '@caretracker/shared/budget-categories';
import { Alert, Button, Card, type Option, toast } from '@caretracker/ui/components';
import { ApiError } from '@caretracker/ui/data';
import { FormSelect, FormTextField, useApiSubmit, useZodForm } from '@caretracker/ui/forms';
import { useFormat } from '@caretracker/ui/i18n';
import { useSession } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useAddExpense } from '@/lib/budgets-api';

const loadSchema = () => import('./expense-form-schema').then((m) => m.expenseFormSchema);
const FIELDS = ['category', 'amount', 'description', 'incurredOn', 'overrideReason'] as const;
const RENAME = { amountCents: 'amount', 'override.reason': 'overrideReason' } as const;

interface Exceeded {
  scope: 'CATEGORY' | 'TOTAL';
  allocationCents: number;
  wouldBeCents: number;
}

/** The 422 of an expense that would pass its category's allocation or the total. */
function exceededOf(error: unknown): Exceeded[] | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const exceeded = (error.details as { exceeded?: Exceeded[] } | undefined)?.exceeded;
  return Array.isArray(exceeded) && exceeded.length > 0 ? exceeded : null;
}

/**
 * Record an expense with its receipt. One that would pass a limit is refused and explained; an
 * admin may then record it anyway with a reason (kept on the expense and in the audit trail).
 */
export function ExpenseForm({ budget }: { budget: BudgetView }) {
  const t = useTranslations('budget.expenseForm');
  const tc = useTranslations('budget.categories');
  const format = useFormat();
  const { me } = useSession();
  const isAdmin = me.role === 'ADMIN';
  const add = useAddExpense(budget);
  const receiptId = useId();
  const tv = useTranslations('validation');
  const [receipt, setReceipt] = useState<File | null>(null);
  const [receiptKey, setReceiptKey] = useState(0);
  const [exceeded, setExceeded] = useState<Exceeded[] | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  const form = useZodForm(loadSchema, {
    defaultValues: {
      category: 'PERSONAL_CARE',
      amount: '',
      description: '',
      incurredOn: today >= budget.periodStart && today <= budget.periodEnd ? today : budget.periodStart,
      overrideReason: '',
    },
  });
  const { onSubmit, formError, setFormError } = useApiSubmit(form, {
    fields: FIELDS,
    rename: RENAME,
    submit: async ({ amount, overrideReason, ...values }) => {
      if (exceeded && isAdmin && !overrideReason) {
        form.setError('overrideReason', { message: tv('required') }, { shouldFocus: true });
        return;
      }
      try {
        await add.mutateAsync({
          ...values,
          amountCents: Math.round(Number(amount) * 100),
          receipt,
          ...(exceeded && overrideReason ? { override: { reason: overrideReason } } : {}),
        });
      } catch (error) {
        const over = exceededOf(error);
        if (!over) throw error;
        setExceeded(over);
        setFormError(null);
        return;
      }
      setExceeded(null);
      setReceipt(null);
      setReceiptKey((key) => key + 1);
      form.reset();
      toast.success(t('added'));
    },
  });
  const categoryOptions: Option[] = BUDGET_CATEGORIES.map((category) => ({ id: category, label: tc(category) }));
  return (
    <Card title={t('title')} description={t('description')}>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {formError && <Alert tone="error">{formError}</Alert>}
        {exceeded && (
          <Alert tone="warning" live="assertive" title={t('overTitle')}>
            <ul className="list-disc pl-6">
              {exceeded.map((item) => (
                <li key={item.scope}>
                  {t(item.scope === 'TOTAL' ? 'overTotal' : 'overCategory', {
                    would: format.money(item.wouldBeCents),
                    allocation: format.money(item.allocationCents),
                  })}
                </li>
              ))}
            </ul>
            <p className="mt-2">{t(isAdmin ? 'overAdmin' : 'overAskAdmin')}</p>
          </Alert>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <FormSelect control={form.control} name="category" label={t('category')} options={categoryOptions} />
          <FormTextField control={form.control} name="amount" label={t('amount')} inputMode="decimal" isRequired />
          <FormTextField control={form.control} name="incurredOn" type="date" label={t('incurredOn')} isRequired />
          <FormTextField control={form.control} name="description" label={t('descriptionField')} isRequired />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={receiptId} className="font-semibold text-ink">
            {t('receipt')}
          </label>
          <input
            key={receiptKey}
            id={receiptId}
            type="file"
            accept="application/pdf,image/jpeg,image/png,image/webp,image/heic"
            aria-describedby={`${receiptId}-hint`}
            className="min-h-11 text-ink"
            onChange={(event) => setReceipt(event.target.files?.[0] ?? null)}
          />
          <span id={`${receiptId}-hint`} className="text-ink-muted text-sm">
            {t('receiptHint')}
          </span>
        </div>
        {exceeded && isAdmin && (
          <FormTextField
            control={form.control}
            name="overrideReason"
            label={t('overrideReason')}
            hint={t('overrideHint')}
            multiline
            rows={2}
            isRequired
          />
        )}
        <Button type="submit" isPending={form.formState.isSubmitting} className="self-start">
          {t(exceeded && isAdmin ? 'saveOverride' : 'save')}
        </Button>
      </form>
    </Card>
  );
}
