'use client';

import { LoadingState } from '@caretracker/ui/components';
import dynamic from 'next/dynamic';

// The visit screen (briefing, check-in, checklist, doses, check-out) loads after the frame, so the
// route's initial JS stays under the 200 kB budget; the server still renders it in full.
export const VisitLoader = dynamic(() => import('./visit-screen').then((m) => m.VisitScreen), {
  loading: () => (
    <div aria-busy="true">
      <LoadingState lines={6} />
    </div>
  ),
});
