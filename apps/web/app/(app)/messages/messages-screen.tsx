'use client';

import { Badge, EmptyState, LoadingState } from '@caretracker/ui/components';
import { QueryView } from '@caretracker/ui/data';
import { PageHeader } from '@caretracker/ui/shell';
import NextLink from 'next/link';
import { useTranslations } from 'next-intl';
import { useConversations } from '@/lib/portal-data';
import { useWords } from '@/lib/use-words';

/** `/messages`: conversations with the care team, newest first, with what is new. */
export function MessagesScreen() {
  const t = useTranslations('portal.messages');
  const words = useWords();
  const conversations = useConversations();
  return (
    <div aria-busy={conversations.isPending}>
      <PageHeader title={t('title')} description={t('intro')} />
      <QueryView
        query={conversations}
        loading={<LoadingState lines={4} />}
        isEmpty={(rows) => rows.length === 0}
        empty={
          <EmptyState title={t('none')} icon="inbox">
            {t('noneBody')}
          </EmptyState>
        }
      >
        {(rows) => (
          <ul className="flex flex-col gap-3">
            {rows.map((conversation) => (
              <li key={conversation.id}>
                <NextLink
                  href={`/messages?c=${conversation.id}`}
                  className="flex min-h-16 flex-wrap items-center justify-between gap-3 rounded-card border border-border-subtle bg-surface p-4 hover:border-brand"
                >
                  <span className="flex flex-col gap-1">
                    <span className="font-bold text-brand text-xl underline underline-offset-4">
                      {conversation.subject}
                    </span>
                    <span className="text-ink-muted">
                      {t('last', { when: words.when(conversation.lastMessageAt ?? conversation.createdAt) })}
                    </span>
                  </span>
                  {conversation.unreadCount > 0 && (
                    <Badge tone="info" className="text-base">
                      {t('new', { count: conversation.unreadCount })}
                    </Badge>
                  )}
                </NextLink>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </div>
  );
}
