import { PreferencesScreen } from '@caretracker/ui/account';
import { pageTitle } from '@caretracker/ui/shell/server';

export const generateMetadata = pageTitle('account.preferences.title');

export default function Page() {
  return <PreferencesScreen />;
}
