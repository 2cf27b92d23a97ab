import { pageTitle } from '@caretracker/ui/shell/server';
import { Suspense } from 'react';
import { ScheduleScreen } from '@/screens/schedule-screen';

export const generateMetadata = pageTitle('schedule.title');

export default function SchedulePage() {
  // The days shown live in the address (useSearchParams), read in the browser.
  return (
    <Suspense>
      <ScheduleScreen />
    </Suspense>
  );
}
