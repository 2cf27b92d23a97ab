import { SignedInLayout } from '@caretracker/ui/shell';
import type { ReactNode } from 'react';
import { config } from '@/lib/config';
import { OfficeLiveUpdates } from '@/lib/live-updates';
import { nav } from '@/lib/nav';

// Every page in (app)/ is for a signed-in user of this app's roles; every screen stays live.
export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <SignedInLayout {...config} nav={nav}>
      <OfficeLiveUpdates>{children}</OfficeLiveUpdates>
    </SignedInLayout>
  );
}
