import { NotificationsScreen } from '@caretracker/ui/account';
import { pageTitle } from '@caretracker/ui/shell/server';

export const generateMetadata = pageTitle('account.notifications.title');

export default function Page() {
  return <NotificationsScreen />;
}
