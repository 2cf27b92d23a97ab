import { pageTitle } from '@caretracker/ui/shell/server';
import { BudgetScreen } from './budget-screen';

export const generateMetadata = pageTitle('portal.budget.title');

export default function BudgetPage() {
  return <BudgetScreen />;
}
