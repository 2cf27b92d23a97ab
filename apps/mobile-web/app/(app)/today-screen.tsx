'use client';

import type { VisitView } from '@caretracker/shared';
import { dateInZone, dayBoundsInZone } from '@caretracker/shared/time-zone';
import { Alert, Button, EmptyState, ErrorState, Icon, LoadingState } from '@caretracker/ui/components';
import { keys, useErrorMessage } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { useUnreadMessages } from '@caretracker/ui/messaging';
import { useUnreadNotificationCount } from '@caretracker/ui/notifications/data';
import { useOutbox } from '@caretracker/ui/offline';
import { useSession } from '@caretracker/ui/shell';
import { useQueryClient } from '@tanstack/react-query';
import NextLink from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { SyncPanel } from '@/components/sync-panel';
import { VisitStatusBadge } from '@/components/visit-status';
import { effectiveStatus, pendingFor } from '@/lib/pending';
import { usePrefetchDay } from '@/lib/prefetch-day';
import { PULL_THRESHOLD, usePullToRefresh } from '@/lib/pull-to-refresh';
import { addressLine, type DayView, datesOf, useSchedule, useZone } from '@/lib/worker-data';

const OPEN = new Set(['SCHEDULED', 'CONFIRMED', 'IN_PROGRESS']);

/** What the office can change under the worker: which visits, when, and whether they still happen (not their own check-ins). */
const OFFICE_STATUSES = new Set(['CANCELLED', 'RESCHEDULED', 'NO_SHOW']);
const fingerprint = (visits: VisitView[]) =>
  visits
    .map((v) => `${v.id}:${v.scheduledStart}:${v.scheduledEnd}:${OFFICE_STATUSES.has(v.status) ? v.status : ''}`)
    .join('|');

export function TodayScreen() {
  const t = useTranslations('today');
  const tHome = useTranslations('home');
  const tm = useTranslations('workerMessages');
  const format = useFormat();
  const zone = useZone();
  const describe = useErrorMessage();
  const { me } = useSession();
  const outbox = useOutbox();
  const [view, setView] = useState<DayView>('today');
  const dates = useMemo(() => datesOf(view, zone), [view, zone]);
  const schedule = useSchedule(dates, zone);
  // Every visit of today and tomorrow opens offline (fetched in the background once the list shows).
  usePrefetchDay(schedule.isSuccess, zone);
  const unread = useUnreadNotificationCount().data?.unread ?? 0;
  const unreadMessages = useUnreadMessages() ?? 0;
  const [changed, setChanged] = useState(false);
  const queryClient = useQueryClient();
  // The day, the notifications and the messages: everything Today counts.
  const pulled = usePullToRefresh(() => {
    void schedule.refetch();
    void queryClient.invalidateQueries({ queryKey: keys.notifications.all });
    void queryClient.invalidateQueries({ queryKey: keys.conversations.all });
  });
  const seen = useRef<string | null>(null);

  // A visit moved, cancelled or reassigned by the office arrives through the live updates: say so.
  useEffect(() => {
    if (!schedule.data) return;
    const next = `${view}#${fingerprint(schedule.data)}`;
    if (seen.current?.startsWith(`${view}#`) && seen.current !== next) setChanged(true);
    seen.current = next;
  }, [schedule.data, view]);

  const queued = [...outbox.pending, ...outbox.conflicts];
  const visits = schedule.data ?? [];
  const now = Date.now();
  const nextVisit = visits.find((v) => {
    const status = effectiveStatus(v.status, pendingFor(queued, v.id));
    return OPEN.has(status) && Date.parse(v.scheduledEnd) > now;
  });
  const byDate = dates.map((date) => ({
    date,
    visits: visits.filter((v) => dateInZone(new Date(v.scheduledStart), zone) === date),
  }));

  return (
    <>
      {pulled > 0 && (
        <p
          className="flex items-center justify-center gap-2 overflow-hidden font-semibold text-brand"
          style={{ height: pulled }}
          aria-hidden="true"
        >
          <Icon name="refresh" />
          {pulled >= PULL_THRESHOLD ? t('pullRelease') : t('pullDown')}
        </p>
      )}
      <h1 className="mb-1 font-bold text-3xl text-ink">{tHome('welcome', { name: me.firstName })}</h1>
      <p className="mb-4 flex flex-wrap items-center justify-between gap-2 text-ink-muted">
        {format.dateLong(new Date())}
        {unread > 0 && (
          <NextLink
            href="/notifications"
            className="inline-flex min-h-11 items-center gap-2 rounded-full bg-brand px-4 font-bold text-brand-ink"
          >
            <Icon name="inbox" />
            {t('unread', { count: unread })}
          </NextLink>
        )}
        {unreadMessages > 0 && (
          <NextLink
            href="/messages"
            className="inline-flex min-h-11 items-center gap-2 rounded-full bg-brand px-4 font-bold text-brand-ink"
          >
            <Icon name="people" />
            {tm('unread', { count: unreadMessages })}
          </NextLink>
        )}
      </p>

      <fieldset className="mb-4 flex flex-wrap gap-2">
        <legend className="sr-only">{t('showLabel')}</legend>
        {(['today', 'tomorrow', 'week'] as const).map((option) => (
          <Button
            key={option}
            variant={view === option ? 'primary' : 'secondary'}
            aria-pressed={view === option}
            onPress={() => {
              setChanged(false);
              setView(option);
            }}
          >
            {t(`view.${option}`)}
          </Button>
        ))}
        <Button variant="quiet" onPress={() => void schedule.refetch()} isPending={schedule.isFetching}>
          <Icon name="refresh" />
          {t('refresh')}
        </Button>
      </fieldset>

      <SyncPanel />

      {changed && (
        <Alert
          tone="info"
          live="polite"
          title={t('changedTitle')}
          className="mb-4"
          actions={
            <Button variant="secondary" onPress={() => setChanged(false)}>
              {t('changedDismiss')}
            </Button>
          }
        >
          {t('changedBody')}
        </Alert>
      )}

      <div aria-busy={schedule.isPending}>
        {schedule.isPending ? (
          <LoadingState lines={4} label={t('loading')} />
        ) : schedule.isError && !schedule.data ? (
          <ErrorState onRetry={() => void schedule.refetch()} isRetrying={schedule.isFetching}>
            {describe(schedule.error)}
          </ErrorState>
        ) : (
          byDate.map(({ date, visits: dayVisits }) => (
            <section key={date} aria-labelledby={`day-${date}`} className="mb-6">
              <h2 id={`day-${date}`} className="mb-3 font-bold text-ink text-xl">
                {view === 'today'
                  ? t('todayHeading')
                  : format.dateLong(dayBoundsInZone(date, zone).start.getTime() + 12 * 3_600_000)}
              </h2>
              {dayVisits.length === 0 ? (
                <EmptyState title={t('emptyTitle')} icon="calendar">
                  {t('emptyBody')}
                </EmptyState>
              ) : (
                <ol className="flex flex-col gap-3">
                  {dayVisits.map((visit, index) => {
                    const pending = pendingFor(queued, visit.id);
                    const status = effectiveStatus(visit.status, pending);
                    const isNext = nextVisit?.id === visit.id;
                    const following = dayVisits[index + 1];
                    const gap = following
                      ? Math.round((Date.parse(following.scheduledStart) - Date.parse(visit.scheduledEnd)) / 60_000)
                      : null;
                    return (
                      <li key={visit.id}>
                        <NextLink
                          href={`/visits/${visit.id}`}
                          className={`block rounded-card border bg-surface p-4 shadow-sm hover:bg-canvas ${
                            isNext ? 'border-4 border-brand' : 'border-border-subtle'
                          }`}
                        >
                          <span className="flex flex-wrap items-center justify-between gap-2">
                            <span className="font-bold text-ink text-lg">
                              {format.time(visit.scheduledStart)}–{format.time(visit.scheduledEnd)}
                            </span>
                            <span className="flex flex-wrap gap-2">
                              {isNext && (
                                <span className="rounded-full bg-brand px-3 py-0.5 font-bold text-brand-ink text-sm">
                                  {t('next')}
                                </span>
                              )}
                              <VisitStatusBadge status={status} waiting={pending.all.length > 0} />
                            </span>
                          </span>
                          <span className="mt-1 block font-semibold text-ink text-xl">
                            {visit.client.firstName} {visit.client.lastName}
                          </span>
                          <span className="block text-ink-muted">{addressLine(visit.location) ?? t('noAddress')}</span>
                          <span className="mt-1 block text-ink">
                            {t('due', { tasks: visit.plannedActivities.length })}
                          </span>
                        </NextLink>
                        {gap !== null && gap >= 0 && (
                          <p className="mt-2 flex items-center gap-2 pl-4 text-ink-muted">
                            <Icon name="clock" />
                            {t('gap', { minutes: gap })}
                          </p>
                        )}
                      </li>
                    );
                  })}
                </ol>
              )}
            </section>
          ))
        )}
      </div>
    </>
  );
}
