'use client';

import { Skeleton } from '@caretracker/ui/components';
import dynamic from 'next/dynamic';

// Pieces the first view of a screen does not need load after it (the JavaScript budget): the date
// pickers' calendar and the scheduling board's move and booking dialogs.

function FieldPlaceholder() {
  return <Skeleton className="h-[4.5rem] w-full" />;
}

export const LazyDatePicker = dynamic(() => import('@caretracker/ui/components').then((m) => m.DatePicker), {
  ssr: false,
  // Label, gap and the 48 px control (its 44 px calendar button inside the border): the row below stays put.
  loading: () => <Skeleton className="h-[4.75rem] w-full" />,
}) as typeof import('@caretracker/ui/components').DatePicker;

export const LazyVisitActionDialog = dynamic(() => import('./move-dialog').then((m) => m.VisitActionDialog), {
  ssr: false,
});

export const LazyNewVisitDialog = dynamic(() => import('./new-visit-dialog').then((m) => m.NewVisitDialog), {
  ssr: false,
});

export const LazyComboBox = dynamic(() => import('@caretracker/ui/components').then((m) => m.ComboBox), {
  ssr: false,
  loading: FieldPlaceholder,
}) as typeof import('@caretracker/ui/components').ComboBox;

/** Recharts loads after the page (the JavaScript budget); the chart's table comes with it. */
export const LazyChartWithTable = dynamic(() => import('@caretracker/ui/charts').then((m) => m.ChartWithTable), {
  ssr: false,
  loading: () => <Skeleton className="h-72 w-full" />,
});

/** The expense form (react-hook-form and its fields) sits below the budget's figures: it loads after them. */
export const LazyExpenseForm = dynamic(() => import('./expense-form').then((m) => m.ExpenseForm), {
  ssr: false,
  loading: () => <Skeleton className="h-96 w-full" />,
});
