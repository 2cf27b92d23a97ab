'use client';

import { LoadingState } from '@caretracker/ui/components';
import dynamic from 'next/dynamic';

// The screen's code loads after the frame (the route's initial JS stays under the 200 kB budget);
// the server still renders it in full.
export const TodayLoader = dynamic(() => import('./today-screen').then((m) => m.TodayScreen), {
  loading: () => (
    <div aria-busy="true">
      <LoadingState lines={4} />
    </div>
  ),
});
