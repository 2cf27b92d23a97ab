import { NotFoundPage, pageTitle } from '@caretracker/ui/shell/server';
import { config } from '@/lib/config';

export const generateMetadata = pageTitle('shell.notFoundPage');

export default function NotFound() {
  return <NotFoundPage app={config.app} />;
}
