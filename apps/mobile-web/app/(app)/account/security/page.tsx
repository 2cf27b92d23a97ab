import { SecurityScreen } from '@caretracker/ui/account';
import { pageTitle } from '@caretracker/ui/shell/server';

export const generateMetadata = pageTitle('account.security.title');

export default function Page() {
  return <SecurityScreen />;
}
