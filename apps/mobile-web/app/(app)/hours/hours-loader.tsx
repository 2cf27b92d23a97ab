'use client';

import { LoadingState } from '@caretracker/ui/components';
import dynamic from 'next/dynamic';

// Loads after the frame (initial JS budget); the server still renders it in full.
export const HoursLoader = dynamic(() => import('./hours-screen').then((m) => m.HoursScreen), {
  loading: () => (
    <div aria-busy="true">
      <LoadingState lines={3} />
    </div>
  ),
});
