import { pageTitle } from '@caretracker/ui/shell/server';
import { Suspense } from 'react';
import { NewPersonScreen } from '@/screens/new-person-screen';

export const generateMetadata = pageTitle('person.newTitle');

export default function NewPersonPage() {
  // The role to start with comes from the address (?role=), read in the browser.
  return (
    <Suspense>
      <NewPersonScreen />
    </Suspense>
  );
}
