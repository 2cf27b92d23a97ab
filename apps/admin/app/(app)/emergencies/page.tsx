import { pageTitle } from '@caretracker/ui/shell/server';
import { Suspense } from 'react';
import { EmergenciesScreen } from '@/screens/emergencies-screen';

export const generateMetadata = pageTitle('emergencies.title');

export default function EmergenciesPage() {
  return (
    <Suspense>
      <EmergenciesScreen />
    </Suspense>
  );
}
