import { pageTitle } from '@caretracker/ui/shell/server';
import { ReportsScreen } from '@/screens/reports-screen';

export const generateMetadata = pageTitle('reports.title');

export default function ReportsPage() {
  return <ReportsScreen />;
}
