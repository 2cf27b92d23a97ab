import { pageTitle } from '@caretracker/ui/shell/server';
import { HoursLoader } from './hours-loader';

export const generateMetadata = pageTitle('hours.title');

export default function HoursPage() {
  return <HoursLoader />;
}
