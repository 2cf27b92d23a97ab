import { ResetPasswordScreen } from '@caretracker/ui/account';
import { pageTitle } from '@caretracker/ui/shell/server';
import { config } from '@/lib/config';

export const generateMetadata = pageTitle('account.reset.title');

export default function Page() {
  return <ResetPasswordScreen app={config.app} />;
}
