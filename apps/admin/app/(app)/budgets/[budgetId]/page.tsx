import { pageTitle } from '@caretracker/ui/shell/server';
import { BudgetScreen } from '@/screens/budget-screen';

export const generateMetadata = pageTitle('budget.pageTitle');

export default async function BudgetPage({ params }: { params: Promise<{ budgetId: string }> }) {
  const { budgetId } = await params;
  return <BudgetScreen budgetId={budgetId} />;
}
