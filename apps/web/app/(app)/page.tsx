import { pageTitle } from '@caretracker/ui/shell/server';
import { HomeScreen } from './home-screen';

export const generateMetadata = pageTitle('nav.home');

export default function HomePage() {
  return <HomeScreen />;
}
