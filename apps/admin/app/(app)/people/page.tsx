import { pageTitle } from '@caretracker/ui/shell/server';
import { Suspense } from 'react';
import { PeopleScreen } from '@/screens/people-screen';

export const generateMetadata = pageTitle('people.title');

export default function PeoplePage() {
  // The list's role, search and page live in the address (useSearchParams), read in the browser.
  return (
    <Suspense>
      <PeopleScreen />
    </Suspense>
  );
}
