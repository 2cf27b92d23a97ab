'use client';

import type { EmergencySummary, Overview } from '@caretracker/shared';
import { Alert, Button, Switch, toast } from '@caretracker/ui/components';
import { QueryView, useErrorMessage } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { PageHeader, useSession } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useLiveState } from '@/lib/live-updates';
import { useAcknowledgeEmergency, useOverview } from '@/lib/office-api';
import { emergencySoundEnabled, setEmergencySoundEnabled } from '@/lib/sound';
import { Tile, tileHref } from './tile';

function EmergencyBanner({ alerts }: { alerts: EmergencySummary[] }) {
  const t = useTranslations('overview.emergencies');
  const format = useFormat();
  const describe = useErrorMessage();
  const acknowledge = useAcknowledgeEmergency();
  if (alerts.length === 0) return null;
  return (
    <section aria-labelledby="emergencies-heading" className="mb-6" data-testid="emergency-banner">
      <Alert tone="error">
        <h2 id="emergencies-heading" className="font-bold text-lg">
          {t('title', { count: alerts.length })}
        </h2>
        <ul className="mt-2 flex flex-col gap-3">
          {alerts.map((alert) => (
            <li key={alert.id} className="flex flex-wrap items-center justify-between gap-3">
              <p className="text-ink">
                <strong>
                  {t('who', {
                    client: `${alert.client.firstName} ${alert.client.lastName}`,
                    raisedBy: `${alert.raisedBy.firstName} ${alert.raisedBy.lastName}`,
                  })}
                </strong>{' '}
                {t('when', { time: format.time(alert.createdAt) })}
                {alert.escalatedAt ? ` ${t('escalated')}` : ''}
                {alert.message ? (
                  <>
                    <br />“{alert.message}”
                  </>
                ) : null}
              </p>
              <Button
                variant="danger"
                isPending={acknowledge.isPending && acknowledge.variables === alert.id}
                onPress={() =>
                  acknowledge.mutate(alert.id, {
                    onSuccess: () => toast.success(t('acknowledged')),
                    onError: (error) => toast.error(describe(error)),
                  })
                }
                aria-label={t('acknowledgeFor', { client: `${alert.client.firstName} ${alert.client.lastName}` })}
              >
                {t('acknowledge')}
              </Button>
            </li>
          ))}
        </ul>
      </Alert>
    </section>
  );
}

function SoundSwitch() {
  const t = useTranslations('overview.emergencies');
  const [on, setOn] = useState(true);
  useEffect(() => setOn(emergencySoundEnabled()), []);
  return (
    <Switch
      isSelected={on}
      onChange={(value) => {
        setOn(value);
        setEmergencySoundEnabled(value);
      }}
    >
      {t('sound')}
    </Switch>
  );
}

function OverviewTiles({ overview }: { overview: Overview }) {
  const t = useTranslations('overview');
  const format = useFormat();
  const { visits } = overview;
  const visitTiles = [
    { key: 'upcoming', tile: visits.upcoming, tone: 'neutral' },
    { key: 'inProgress', tile: visits.inProgress, tone: 'neutral' },
    { key: 'late', tile: visits.late, tone: 'warning' },
    { key: 'missed', tile: visits.missed, tone: 'danger' },
    { key: 'completed', tile: visits.completed, tone: 'success' },
    { key: 'cancelled', tile: visits.cancelled, tone: 'neutral' },
  ] as const;
  const reviews = overview.carePlanReviews;
  return (
    <>
      <EmergencyBanner alerts={overview.emergencies.latestOpen} />
      <section aria-labelledby="today-heading" className="mb-8">
        <h2 id="today-heading" className="mb-3 font-bold text-ink text-xl">
          {t('today.title', { count: visits.total })}
        </h2>
        <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {visitTiles.map(({ key, tile, tone }) => (
            <Tile
              key={key}
              testId={`tile-${key}`}
              label={t(`today.${key}`)}
              count={tile.count}
              href={tileHref(tile.filter)}
              tone={tone}
            />
          ))}
        </ul>
      </section>
      <section aria-labelledby="attention-heading" className="mb-8">
        <h2 id="attention-heading" className="mb-3 font-bold text-ink text-xl">
          {t('attention.title')}
        </h2>
        <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <Tile
            testId="tile-evv"
            label={t('attention.evv')}
            count={overview.evvExceptions.count}
            detail={t('attention.evvDetail', { count: overview.evvExceptions.exceptions })}
            href={tileHref(overview.evvExceptions.filter)}
            tone="warning"
          />
          <Tile
            testId="tile-emergencies"
            label={t('attention.emergencies')}
            count={overview.emergencies.open.count}
            detail={t('attention.emergenciesDetail', { count: overview.emergencies.acknowledged.count })}
            href={tileHref(overview.emergencies.open.filter)}
            tone="danger"
          />
          <Tile
            testId="tile-doses"
            label={t('attention.doses')}
            count={overview.doses.count}
            detail={t('attention.dosesDetail', { refused: overview.doses.refused, notGiven: overview.doses.notGiven })}
            href={tileHref(overview.doses.filter)}
            tone="warning"
          />
          <Tile
            testId="tile-budgets"
            label={t('attention.budgets')}
            count={overview.budgets.overThreshold.count}
            detail={t('attention.budgetsDetail', { count: overview.budgets.critical })}
            href={tileHref(overview.budgets.overThreshold.filter)}
            tone="warning"
          />
          <Tile
            testId="tile-reviews"
            label={t('attention.reviews')}
            count={reviews.overdue.count + reviews.dueSoon.count}
            detail={t('attention.reviewsDetail', {
              overdue: reviews.overdue.count,
              soon: reviews.dueSoon.count,
              days: reviews.dueSoonDays,
            })}
            href={tileHref(reviews.dueSoon.filter)}
            tone="warning"
          />
          <Tile
            testId="tile-expenses"
            label={t('attention.expenses')}
            count={overview.expenses.expenses}
            detail={t('attention.expensesDetail', {
              amount: format.money(overview.expenses.amountCents),
              budgets: overview.expenses.count,
            })}
            href={tileHref(overview.expenses.filter)}
            tone="warning"
          />
          {overview.failedJobs && (
            <Tile
              testId="tile-jobs"
              label={t('attention.jobs')}
              count={overview.failedJobs.count}
              href={tileHref(overview.failedJobs.filter)}
              tone="danger"
            />
          )}
        </ul>
      </section>
      <p className="text-ink-muted text-sm">{t('asOf', { time: format.time(overview.asOf) })}</p>
    </>
  );
}

export function OverviewScreen() {
  const t = useTranslations('overview');
  const { me } = useSession();
  const format = useFormat();
  const query = useOverview();
  const live = useLiveState();
  return (
    <div aria-busy={query.isPending}>
      <PageHeader
        title={t(me.role === 'ADMIN' ? 'titleAdmin' : 'titleSupervisor')}
        description={
          query.data ? (
            <>
              {t('description', { date: format.dateLong(query.data.day.start) })}{' '}
              <span role="status" data-testid="live-state" data-state={live}>
                {t(`live.${live}`)}
              </span>
            </>
          ) : undefined
        }
        actions={<SoundSwitch />}
      />
      <QueryView query={query}>{(overview) => <OverviewTiles overview={overview} />}</QueryView>
    </div>
  );
}
