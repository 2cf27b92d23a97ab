import { LoginPage, loginMetadata } from '@caretracker/ui';
import { config } from '@/lib/config';

export const metadata = loginMetadata(config.app);

export default function Login() {
  return <LoginPage {...config} />;
}
