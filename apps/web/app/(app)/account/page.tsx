import { ProfileScreen } from '@caretracker/ui/account';
import { pageTitle } from '@caretracker/ui/shell/server';

export const generateMetadata = pageTitle('account.title');

export default function Page() {
  return <ProfileScreen />;
}
