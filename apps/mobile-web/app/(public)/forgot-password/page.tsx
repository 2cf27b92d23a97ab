import { ForgotPasswordScreen } from '@caretracker/ui/account';
import { pageTitle } from '@caretracker/ui/shell/server';
import { config } from '@/lib/config';

export const generateMetadata = pageTitle('account.forgot.title');

export default function Page() {
  return <ForgotPasswordScreen app={config.app} />;
}
