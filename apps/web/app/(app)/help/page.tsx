import { pageTitle } from '@caretracker/ui/shell/server';
import { HelpScreen } from './help-screen';

export const generateMetadata = pageTitle('portal.help.title');

export default function HelpPage() {
  return <HelpScreen />;
}
