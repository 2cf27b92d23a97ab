import { pageTitle } from '@caretracker/ui/shell/server';
import { VisitsScreen } from './visits-screen';

export const generateMetadata = pageTitle('portal.visits.title');

export default function VisitsPage() {
  return <VisitsScreen />;
}
