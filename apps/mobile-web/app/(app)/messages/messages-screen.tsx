'use client';

import { MessagesScreen, ThreadScreen } from '@caretracker/ui/messaging';
import { useTranslations } from 'next-intl';

/** The worker's conversations with the office and their clients' care teams; they can start one. */
export function WorkerMessagesScreen() {
  const t = useTranslations('workerMessages');
  return <MessagesScreen intro={t('intro')} emptyBody={t('emptyBody')} canStart />;
}

export function WorkerThreadScreen({ id }: { id: string }) {
  return <ThreadScreen id={id} />;
}
