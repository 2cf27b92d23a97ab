'use client';

import { Badge, Button, EmptyState, ErrorState, LoadingState } from '@caretracker/ui/components';
import { keys, useApi, useErrorMessage } from '@caretracker/ui/data';
import { useFormat, useNotificationWords } from '@caretracker/ui/i18n';
import { PageHeader } from '@caretracker/ui/shell';
import { useQueryClient } from '@tanstack/react-query';
import NextLink from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { emergencyQuery, notificationHref, useNotifications } from '@/lib/worker-data';

/** The worker's notifications, newest first (live: new ones arrive through the notifications channel). */
export function NotificationsScreen() {
  const t = useTranslations('notifications');
  const format = useFormat();
  const words = useNotificationWords();
  const api = useApi();
  const queryClient = useQueryClient();
  const describe = useErrorMessage();
  const list = useNotifications();
  const router = useRouter();
  const [marking, setMarking] = useState(false);
  const [opening, setOpening] = useState<string | null>(null);
  const [unopened, setUnopened] = useState<string | null>(null);
  const unread = (list.data ?? []).filter((n) => !n.readAt).length;

  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.notifications.all });
  const markRead = async (id: string) => {
    await api.request('POST', `/notifications/${id}/read`).catch(() => undefined);
    await refresh();
  };
  /** An emergency's notification opens the visit it was raised in, with the alert's state on it. */
  const openEmergency = async (notificationId: string, alertId: string) => {
    setOpening(notificationId);
    setUnopened(null);
    void markRead(notificationId);
    try {
      const alert = await queryClient.fetchQuery(emergencyQuery(api, alertId));
      if (alert.visitId) router.push(`/visits/${alert.visitId}?alert=${alertId}`);
      else setUnopened(notificationId);
    } catch {
      setUnopened(notificationId);
    } finally {
      setOpening(null);
    }
  };
  const markAll = async () => {
    setMarking(true);
    try {
      await api.request('POST', '/notifications/read-all');
      await refresh();
    } finally {
      setMarking(false);
    }
  };

  return (
    <div aria-busy={list.isPending}>
      <PageHeader
        title={t('title')}
        description={list.data ? t('unread', { count: unread }) : undefined}
        actions={
          unread > 0 ? (
            <Button variant="secondary" onPress={() => void markAll()} isPending={marking}>
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
        <EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>
      ) : (
        <ul className="flex flex-col gap-3">
          {list.data.map((n) => {
            const href = notificationHref(n.entityType, n.entityId);
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
                  <NextLink href={href} className={box} onClick={() => void markRead(n.id)}>
                    {body}
                  </NextLink>
                ) : n.entityType === 'emergency_alert' && n.entityId ? (
                  <div className={box}>
                    {body}
                    <Button
                      variant="secondary"
                      className="mt-2"
                      onPress={() => void openEmergency(n.id, n.entityId!)}
                      isPending={opening === n.id}
                    >
                      {t('openEmergency')}
                    </Button>
                    {unopened === n.id && (
                      <p role="alert" className="mt-2 text-ink">
                        {t('emergencyUnavailable')}
                      </p>
                    )}
                  </div>
                ) : (
                  <div className={box}>
                    {body}
                    {!n.readAt && (
                      <Button variant="quiet" className="mt-2" onPress={() => void markRead(n.id)}>
                        {t('markRead')}
                      </Button>
                    )}
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
