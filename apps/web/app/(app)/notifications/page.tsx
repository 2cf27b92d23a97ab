import { pageTitle } from '@caretracker/ui/shell/server';
import { NotificationsScreen } from './notifications-screen';

export const generateMetadata = pageTitle('notifications.title');

/** `/notifications`: changes to visits, new messages, budget and care plan news, newest first. */
export default function NotificationsPage() {
  return <NotificationsScreen />;
}
