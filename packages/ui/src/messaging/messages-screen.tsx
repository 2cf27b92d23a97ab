'use client';

import { useTranslations } from 'next-intl';
import { lazy, Suspense, useState } from 'react';
import { Button } from '../components/button';
import { LoadingState } from '../components/skeleton';
import { PageHeader } from '../shell/page-header';
import { ConversationList } from './conversation-list';

// The form (with its picker) loads only when someone starts a conversation.
const NewConversation = lazy(() => import('./new-conversation').then((m) => ({ default: m.NewConversation })));

export interface MessagesScreenProps {
  /** Under the title: whose conversations these are, in the app's words. */
  intro: string;
  /** The empty list's next step. */
  emptyBody: string;
  /** Staff may open a conversation about a client they look after. */
  canStart?: boolean;
}

/** `/messages`: the conversations, newest first, with what is new; staff can start one. */
export function MessagesScreen({ intro, emptyBody, canStart = false }: MessagesScreenProps) {
  const t = useTranslations('messaging');
  const [starting, setStarting] = useState(false);
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={t('title')}
        description={intro}
        {...(canStart && !starting
          ? { actions: <Button onPress={() => setStarting(true)}>{t('newButton')}</Button> }
          : {})}
      />
      {starting && (
        <Suspense fallback={<LoadingState lines={3} />}>
          <NewConversation onCancel={() => setStarting(false)} />
        </Suspense>
      )}
      <ConversationList emptyBody={emptyBody} />
    </div>
  );
}
