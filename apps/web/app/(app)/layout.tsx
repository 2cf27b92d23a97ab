import { SignedInLayout } from '@caretracker/ui/shell';
import type { ReactNode } from 'react';
import { config } from '@/lib/config';
import { nav } from '@/lib/nav';
import { ActingForBanner } from './acting-for-banner';
import { PortalLive } from './portal-live';

// Every page in (app)/ is for a signed-in user of this app's roles, with live updates on.
export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <SignedInLayout {...config} nav={nav}>
      <PortalLive apiUrl={config.apiUrl}>
        <ActingForBanner />
        {children}
      </PortalLive>
    </SignedInLayout>
  );
}
