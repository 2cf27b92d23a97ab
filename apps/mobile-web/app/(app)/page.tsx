import { WelcomeScreen } from '@caretracker/ui/shell';
import { pageTitle } from '@caretracker/ui/shell/server';

export const generateMetadata = pageTitle('nav.home');

export default function HomePage() {
  return <WelcomeScreen />;
}
