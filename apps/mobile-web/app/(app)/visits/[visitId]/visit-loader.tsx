'use client';

import { LoadingState } from '@caretracker/ui/components';
import dynamic from 'next/dynamic';
import { usePathname } from 'next/navigation';

// The visit screen (briefing, check-in, checklist, doses, check-out) loads after the frame, so the
// route's initial JS stays under the 200 kB budget; the server still renders it in full.
const VisitScreen = dynamic(() => import('./visit-screen').then((m) => m.VisitScreen), {
  loading: () => (
    <div aria-busy="true">
      <LoadingState lines={6} />
    </div>
  ),
});

/**
 * The visit named in the address bar. Offline, a visit not opened on this device before is
 * answered by the service worker with the visit screen's precached frame (rendered for a stand-in
 * id), so the id comes from the address, not from what the server rendered.
 */
export function VisitLoader({ visitId }: { visitId: string }) {
  const pathname = usePathname();
  const segment = pathname.match(/^\/visits\/([^/]+)/)?.[1];
  return <VisitScreen visitId={segment ? decodeURIComponent(segment) : visitId} />;
}
