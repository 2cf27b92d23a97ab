'use client';

import { LoadingState } from '@caretracker/ui/components';
import dynamic from 'next/dynamic';

const loading = () => (
  <div aria-busy="true">
    <LoadingState lines={4} />
  </div>
);

// Load after the frame (initial JS budget); the server still renders them in full.
export const MessagesLoader = dynamic(() => import('./messages-screen').then((m) => m.WorkerMessagesScreen), {
  loading,
});
export const ThreadLoader = dynamic(() => import('./messages-screen').then((m) => m.WorkerThreadScreen), { loading });
