import { VerifyEmailScreen } from '@caretracker/ui/account';
import { pageTitle } from '@caretracker/ui/shell/server';
import { config } from '@/lib/config';

export const generateMetadata = pageTitle('account.verify.title');

export default function Page() {
  return <VerifyEmailScreen app={config.app} />;
}
