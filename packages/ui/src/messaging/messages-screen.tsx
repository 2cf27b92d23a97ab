'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '../components/button';
import { PageHeader } from '../shell/page-header';
import { ConversationList } from './conversation-list';
import { NewConversation } from './new-conversation';

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
      {starting && <NewConversation onCancel={() => setStarting(false)} />}
      <ConversationList emptyBody={emptyBody} />
    </div>
  );
}
