'use client';

import { LoadingState } from '@caretracker/ui/components';
import dynamic from 'next/dynamic';

// Loads after the frame (initial JS budget); the server still renders it in full.
export const NotificationsLoader = dynamic(() => import('./notifications-screen').then((m) => m.NotificationsScreen), {
  loading: () => (
    <div aria-busy="true">
      <LoadingState lines={4} />
    </div>
  ),
});
