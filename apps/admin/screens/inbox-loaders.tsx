'use client';

import { LoadingState } from '@caretracker/ui/components';
import dynamic from 'next/dynamic';

const loading = () => (
  <div aria-busy="true">
    <LoadingState lines={4} />
  </div>
);

// The shared messaging and notifications screens load after the frame (initial JS budget); the
// server still renders them in full.
export const MessagesLoader = dynamic(() => import('./messages-screen').then((m) => m.AdminMessagesScreen), {
  loading,
});
export const NotificationsLoader = dynamic(
  () => import('./notifications-screen').then((m) => m.AdminNotificationsScreen),
  { loading },
);
