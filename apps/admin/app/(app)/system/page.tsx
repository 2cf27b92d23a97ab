import { pageTitle } from '@caretracker/ui/shell/server';
import { SystemScreen } from '@/screens/system-screen';

export const generateMetadata = pageTitle('system.title');

export default function SystemPage() {
  return <SystemScreen />;
}
