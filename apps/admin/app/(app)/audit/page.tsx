import { pageTitle } from '@caretracker/ui/shell/server';
import { Suspense } from 'react';
import { AuditScreen } from '@/screens/audit-screen';

export const generateMetadata = pageTitle('audit.title');

export default function AuditPage() {
  // The filters and page live in the address (useSearchParams), read in the browser.
  return (
    <Suspense>
      <AuditScreen />
    </Suspense>
  );
}
