import { pageTitle } from '@caretracker/ui/shell/server';
import { RequestVisitScreen } from './request-visit';

export const generateMetadata = pageTitle('portal.request.title');

export default function RequestVisitPage() {
  return <RequestVisitScreen />;
}
