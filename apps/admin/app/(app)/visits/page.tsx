import { pageTitle } from '@caretracker/ui/shell/server';
import { Suspense } from 'react';
import { VisitsScreen } from '@/screens/visits-screen';

export const generateMetadata = pageTitle('visits.title');

export default function VisitsPage() {
  // The filters live in the address (useSearchParams), read in the browser.
  return (
    <Suspense>
      <VisitsScreen />
    </Suspense>
  );
}
