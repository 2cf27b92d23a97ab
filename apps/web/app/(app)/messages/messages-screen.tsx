'use client';

import { LoadingState } from '@caretracker/ui/components';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { homeKey } from '@/lib/portal-data';

const loading = () => (
  <div aria-busy="true">
    <LoadingState lines={4} />
  </div>
);

// The shared messaging UI loads after the frame (initial JS budget); the server still renders it in full.
const SharedMessagesScreen = dynamic(() => import('@caretracker/ui/messaging').then((m) => m.MessagesScreen), {
  loading,
});
const SharedThreadScreen = dynamic(() => import('@caretracker/ui/messaging').then((m) => m.ThreadScreen), {
  loading,
});

/** `/messages`: the client's conversations with the care team (the shared messaging UI). */
export function MessagesScreen() {
  const t = useTranslations('portal.messages');
  return <SharedMessagesScreen intro={t('intro')} emptyBody={t('noneBody')} />;
}

/** `/messages?c=<id>`: one thread; reading it refreshes the home's unread count too. */
export function ThreadScreen({ id }: { id: string }) {
  return <SharedThreadScreen id={id} unreadKeys={[homeKey]} />;
}
