import { pageTitle } from '@caretracker/ui/shell/server';
import { TodayLoader } from './today-loader';

export const generateMetadata = pageTitle('nav.home');

export default function HomePage() {
  return <TodayLoader />;
}
