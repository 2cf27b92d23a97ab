import { pageTitle } from '@caretracker/ui/shell/server';
import { Suspense } from 'react';
import { BudgetsScreen } from '@/screens/budgets-screen';

export const generateMetadata = pageTitle('budgets.title');

export default function BudgetsPage() {
  // The filters live in the address (useSearchParams), read in the browser.
  return (
    <Suspense>
      <BudgetsScreen />
    </Suspense>
  );
}
