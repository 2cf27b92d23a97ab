import { pageTitle } from '@caretracker/ui/shell/server';
import { NotificationsLoader } from '@/screens/inbox-loaders';

export const generateMetadata = pageTitle('notifications.title');

export default function NotificationsPage() {
  return <NotificationsLoader />;
}
