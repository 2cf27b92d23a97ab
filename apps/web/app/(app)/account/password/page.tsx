import { PasswordScreen } from '@caretracker/ui/account';
import { pageTitle } from '@caretracker/ui/shell/server';

export const generateMetadata = pageTitle('account.password.title');

export default function Page() {
  return <PasswordScreen />;
}
