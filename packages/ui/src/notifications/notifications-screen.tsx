'use client';

import type { NotificationView } from '@caretracker/shared';
import NextLink from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Badge } from '../components/badge';
import { Button } from '../components/button';
import { LoadingState } from '../components/skeleton';
import { EmptyState, ErrorState } from '../components/states';
import { useErrorMessage } from '../data/error-message';
import { useNotificationWords } from '../i18n/notification-words';
import { useFormat } from '../i18n/use-format';
import { PageHeader } from '../shell/page-header';
import { useMarkNotificationsRead, useNotifications } from './notifications-data';

/** Where a notification leads in the app (the record it is about), or null when it leads nowhere there. */
export type NotificationHref = (notification: Pick<NotificationView, 'entityType' | 'entityId'>) => string | null;

export interface NotificationsScreenProps {
  /** The app's screen for the record a notification is about. */
  hrefFor: NotificationHref;
  /** The empty list's words: what will appear here, in the app's words. */
  emptyBody: string;
  /**
   * For a notification that leads to no page directly: the app's own action in its place (the
   * worker app looks up an emergency's visit before opening it), or null for "Mark as read".
   */
  actionFor?: (notification: NotificationView, markRead: () => void) => ReactNode | null;
}

/**
 * `/notifications`: the user's notifications, newest first, unread ones marked, each worded in the
 * reader's language and opening what it is about (opening marks it read); live, as new ones arrive.
 */
export function NotificationsScreen({ hrefFor, emptyBody, actionFor }: NotificationsScreenProps) {
  const t = useTranslations('notifications');
  const format = useFormat();
  const words = useNotificationWords();
  const describe = useErrorMessage();
  const list = useNotifications();
  const mark = useMarkNotificationsRead();
  const unread = (list.data ?? []).filter((n) => !n.readAt).length;

  return (
    <div aria-busy={list.isPending}>
      <PageHeader
        title={t('title')}
        description={list.data ? t('unread', { count: unread }) : undefined}
        actions={
          unread > 0 ? (
            <Button
              variant="secondary"
              onPress={() => mark.mutate('all')}
              isPending={mark.isPending && mark.variables === 'all'}
            >
              {t('markAll')}
            </Button>
          ) : undefined
        }
      />
      {list.isPending ? (
        <LoadingState lines={4} label={t('loading')} />
      ) : list.isError && !list.data ? (
        <ErrorState onRetry={() => void list.refetch()} isRetrying={list.isFetching}>
          {describe(list.error)}
        </ErrorState>
      ) : list.data.length === 0 ? (
        <EmptyState title={t('emptyTitle')}>{emptyBody}</EmptyState>
      ) : (
        <ul className="flex flex-col gap-3" aria-label={t('listLabel')}>
          {list.data.map((n) => {
            const href = hrefFor(n);
            const { title, body: text } = words(n);
            const body = (
              <>
                <span className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-bold text-ink">{title}</span>
                  <span className="flex gap-2">
                    {n.urgent && <Badge tone="danger">{t('urgent')}</Badge>}
                    {!n.readAt && <Badge tone="info">{t('new')}</Badge>}
                  </span>
                </span>
                <span className="mt-1 block text-ink">{text}</span>
                <span className="mt-1 block text-ink-muted text-sm">{format.dateTime(n.createdAt)}</span>
              </>
            );
            const box = `block rounded-card border bg-surface p-4 ${n.readAt ? 'border-border-subtle' : 'border-brand border-l-4'}`;
            return (
              <li key={n.id}>
                {href ? (
                  <NextLink
                    href={href}
                    className={`${box} hover:border-brand`}
                    onClick={() => {
                      if (!n.readAt) mark.mutate(n.id);
                    }}
                  >
                    {body}
                  </NextLink>
                ) : (
                  <div className={box}>
                    {body}
                    {actionFor?.(n, () => {
                      if (!n.readAt) mark.mutate(n.id);
                    }) ??
                      (!n.readAt && (
                        <Button variant="quiet" className="mt-2" onPress={() => mark.mutate(n.id)}>
                          {t('markRead')}
                        </Button>
                      ))}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
