'use client';

import { MessagesScreen, ThreadScreen } from '@caretracker/ui/messaging';
import { useTranslations } from 'next-intl';

/**
 * `/messages`: the conversations the admin or supervisor takes part in, and `?c=<id>` one of them.
 * From 1024 px the list and the open thread sit side by side (the thread's subject is the h1, the
 * list a section beside it); narrower, one or the other fills the page.
 */
export function AdminMessagesScreen({ id }: { id?: string | undefined }) {
  const t = useTranslations('inbox');
  const list = (
    <MessagesScreen
      intro={t('messagesIntro')}
      emptyBody={t('messagesEmpty')}
      canStart
      {...(id ? { selectedId: id, asSection: true } : {})}
    />
  );
  return (
    <div className="flex flex-col gap-6 lg:grid lg:grid-cols-[minmax(18rem,2fr)_3fr] lg:items-start">
      <div className={id ? 'hidden lg:block' : undefined}>{list}</div>
      {id ? (
        <div className="min-w-0">
          <ThreadScreen id={id} />
        </div>
      ) : (
        <p className="hidden rounded-card border border-border-subtle border-dashed p-6 text-ink-muted text-lg lg:mt-20 lg:block">
          {t('chooseConversation')}
        </p>
      )}
    </div>
  );
}
