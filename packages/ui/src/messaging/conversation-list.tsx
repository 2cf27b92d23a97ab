'use client';

import NextLink from 'next/link';
import { useTranslations } from 'next-intl';
import { Badge } from '../components/badge';
import { LoadingState } from '../components/skeleton';
import { EmptyState } from '../components/states';
import { QueryView } from '../data/query-view';
import { useMessageWords } from './message-words';
import { useConversations } from './messaging-data';

/**
 * The user's conversations, newest first, each a link to `/messages?c=<id>` with what is new;
 * `selectedId` marks the one open beside the list (a side-by-side layout).
 */
export function ConversationList({ emptyBody, selectedId }: { emptyBody: string; selectedId?: string }) {
  const t = useTranslations('messaging');
  const words = useMessageWords();
  const conversations = useConversations();
  return (
    <div aria-busy={conversations.isPending}>
      <QueryView
        query={conversations}
        loading={<LoadingState lines={4} />}
        isEmpty={(rows) => rows.length === 0}
        empty={
          <EmptyState title={t('none')} icon="inbox">
            {emptyBody}
          </EmptyState>
        }
      >
        {(rows) => (
          <ul className="flex flex-col gap-3" aria-label={t('listLabel')}>
            {rows.map((conversation) => (
              <li key={conversation.id}>
                <NextLink
                  href={`/messages?c=${conversation.id}`}
                  aria-current={conversation.id === selectedId ? 'page' : undefined}
                  className={`flex min-h-16 flex-wrap items-center justify-between gap-3 rounded-card border bg-surface p-4 hover:border-brand ${conversation.id === selectedId ? 'border-brand border-l-4 bg-brand-soft' : 'border-border-subtle'}`}
                >
                  <span className="flex min-w-0 flex-col gap-1">
                    <span className="break-words font-bold text-brand text-xl underline underline-offset-4">
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
