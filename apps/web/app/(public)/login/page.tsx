import { LoginScreen } from '@caretracker/ui/account';
import { pageTitle } from '@caretracker/ui/shell/server';
import { config } from '@/lib/config';

export const generateMetadata = pageTitle('auth.signIn');

export default function Page() {
  return <LoginScreen {...config} />;
}
