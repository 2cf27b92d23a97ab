import { CachePersistence } from '@caretracker/ui/offline';
import { SignedInLayout } from '@caretracker/ui/shell';
import type { ReactNode } from 'react';
import { WORKER_CACHE_DB } from '@/lib/cache-db';
import { config } from '@/lib/config';
import { nav } from '@/lib/nav';
import { WorkerPlatform } from '@/lib/platform';

// Every page in (app)/ is for a signed-in user of this app's roles. The read cache is restored
// from the device first (an offline reload still knows the user and the day), then the outbox and
// live updates run for the signed-in worker.
export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <>
      {/* What the day needs offline: who is signed in, the visits with their briefings, emergencies.
          Account screens are not kept: their forms must start from the server's values. */}
      <CachePersistence dbName={WORKER_CACHE_DB} resources={['me', 'visits', 'emergencies']} />
      <SignedInLayout {...config} nav={nav}>
        <WorkerPlatform>{children}</WorkerPlatform>
      </SignedInLayout>
    </>
  );
}
