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
  /** The conversation open beside the list (a side-by-side layout): marked in the list. */
  selectedId?: string;
  /**
   * Beside an open thread (whose title is the page's h1), the list is a section: its title an h2.
   * Otherwise the list is the page, with the h1.
   */
  asSection?: boolean;
}

/** `/messages`: the conversations, newest first, with what is new; staff can start one. */
export function MessagesScreen({ intro, emptyBody, canStart = false, selectedId, asSection }: MessagesScreenProps) {
  const t = useTranslations('messaging');
  const [starting, setStarting] = useState(false);
  const start = canStart && !starting ? <Button onPress={() => setStarting(true)}>{t('newButton')}</Button> : null;
  return (
    <div className="flex flex-col gap-4">
      {asSection ? (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="font-bold text-2xl text-ink">{t('listLabel')}</h2>
          {start}
        </div>
      ) : (
        <PageHeader title={t('title')} description={intro} {...(start ? { actions: start } : {})} />
      )}
      {starting && (
        <Suspense fallback={<LoadingState lines={3} />}>
          <NewConversation onCancel={() => setStarting(false)} />
        </Suspense>
      )}
      <ConversationList emptyBody={emptyBody} {...(selectedId ? { selectedId } : {})} />
    </div>
  );
}
