import { DevicesScreen } from '@caretracker/ui/account';
import { pageTitle } from '@caretracker/ui/shell/server';

export const generateMetadata = pageTitle('account.devices.title');

export default function Page() {
  return <DevicesScreen />;
}
