'use client';

import { MessagesScreen as SharedMessagesScreen, ThreadScreen as SharedThreadScreen } from '@caretracker/ui/messaging';
import { useTranslations } from 'next-intl';
import { homeKey } from '@/lib/portal-data';

/** `/messages`: the client's conversations with the care team (the shared messaging UI). */
export function MessagesScreen() {
  const t = useTranslations('portal.messages');
  return <SharedMessagesScreen intro={t('intro')} emptyBody={t('noneBody')} />;
}

/** `/messages?c=<id>`: one thread; reading it refreshes the home's unread count too. */
export function ThreadScreen({ id }: { id: string }) {
  return <SharedThreadScreen id={id} unreadKeys={[homeKey]} />;
}
