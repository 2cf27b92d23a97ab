import { pageTitle } from '@caretracker/ui/shell/server';
import { OverviewScreen } from '@/screens/overview-screen';

export const generateMetadata = pageTitle('nav.home');

export default function HomePage() {
  return <OverviewScreen />;
}
