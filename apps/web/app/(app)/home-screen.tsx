'use client';

import type { PortalHome } from '@caretracker/shared';
import { Alert, Badge, ButtonLink, Card, EmptyState, Icon, LoadingState } from '@caretracker/ui/components';
import { QueryView } from '@caretracker/ui/data';
import { useSession } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { usePortalHome } from '@/lib/portal-data';
import { useWords } from '@/lib/use-words';
import { useIsLive } from './portal-live';
import { statusTone } from './status-tone';
import { WorkerPhoto } from './worker-photo';

/** `/`: who is coming and when, live; the budget left; messages; the plan's review; how to reach the office. */
export function HomeScreen() {
  const t = useTranslations('portal.home');
  const tHome = useTranslations('home');
  const { me } = useSession();
  const home = usePortalHome();
  return (
    <div aria-busy={home.isPending} className="flex flex-col gap-6">
      <div>
        <h1 className="font-bold text-3xl text-ink">{tHome('welcome', { name: me.firstName })}</h1>
        <p className="mt-2 text-ink-muted text-lg">{t('intro')}</p>
      </div>
      <QueryView query={home} loading={<LoadingState lines={6} />}>
        {(data) => <HomeCards home={data} />}
      </QueryView>
    </div>
  );
}

function HomeCards({ home }: { home: PortalHome }) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <NextVisitCard home={home} />
      <OfficeCard home={home} />
      <BudgetCard home={home} />
      <div className="flex flex-col gap-6">
        <MessagesCard home={home} />
        <CarePlanCard home={home} />
      </div>
    </div>
  );
}

function NextVisitCard({ home }: { home: PortalHome }) {
  const t = useTranslations('portal');
  const words = useWords();
  const live = useIsLive();
  const visit = home.nextVisit;
  if (!visit) {
    return (
      <Card title={t('home.nextVisit')} className="lg:col-span-2">
        <EmptyState title={t('home.noVisit')} icon="calendar">
          {t('home.noVisitBody')}
        </EmptyState>
      </Card>
    );
  }
  const who = words.name(visit.worker);
  const underWay = visit.status === 'IN_PROGRESS';
  return (
    <Card title={t('home.nextVisit')} className="border-brand border-l-8 lg:col-span-2">
      <div className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center gap-4">
          <WorkerPhoto person={visit.worker} />
          <div>
            <p className="font-bold text-2xl text-ink" data-testid="next-visit-when">
              {words.when(visit.scheduledStart)}
            </p>
            <p className="text-ink-muted text-lg">
              {words.until(visit.scheduledEnd)} · {words.service(visit.serviceType)}
            </p>
          </div>
        </div>
        <p className="text-ink text-xl">{visit.worker ? t('home.coming', { name: who }) : t('notAssigned')}</p>
        {/* Announced when the worker checks in or out (live updates refresh the query). */}
        <div role="status" className="flex flex-wrap items-center gap-3" data-testid="next-visit-status">
          <Badge tone={statusTone(visit.status)} className="text-base">
            {words.status(visit.status)}
          </Badge>
          <span className="text-ink text-lg">
            {underWay && visit.actualStart
              ? t('home.arrived', { name: who, time: words.time(visit.actualStart) })
              : visit.status === 'CONFIRMED'
                ? t('home.confirmed')
                : t('home.booked')}
          </span>
        </div>
        <p className="text-ink-muted">{t('home.moreVisits', { count: home.upcomingCount })}</p>
        <div className="flex flex-wrap gap-3">
          <ButtonLink href={`/visits/${visit.id}`} variant="primary">
            {t('home.seeVisit')}
          </ButtonLink>
          <ButtonLink href="/visits">{t('home.allVisits')}</ButtonLink>
        </div>
        <p className="flex items-center gap-2 text-ink-muted text-sm">
          <Icon name={live ? 'refresh' : 'cloudOff'} className="size-4" />
          {live ? t('home.live') : t('home.notLive')}
        </p>
      </div>
    </Card>
  );
}

function OfficeCard({ home }: { home: PortalHome }) {
  const t = useTranslations('portal.home');
  const tHelp = useTranslations('portal.help');
  const words = useWords();
  const { supervisor, phone } = home.office;
  return (
    <Card title={t('help')}>
      <div className="flex flex-col gap-4">
        <a
          href={`tel:${phone.replace(/[^+\d]/g, '')}`}
          className="inline-flex min-h-14 items-center justify-center gap-2 rounded-lg border-2 border-brand bg-brand px-5 py-3 font-bold text-brand-ink text-xl hover:bg-brand-strong"
        >
          {t('callOffice', { phone })}
        </a>
        <p className="text-ink text-lg">
          {supervisor ? t('supervisor', { name: words.name(supervisor) }) : t('noSupervisor')}
        </p>
        <ButtonLink href="/help" variant="danger" className="self-start text-lg">
          {tHelp('homeButton')}
        </ButtonLink>
      </div>
    </Card>
  );
}

function BudgetCard({ home }: { home: PortalHome }) {
  const t = useTranslations('portal.home');
  const words = useWords();
  const { format } = words;
  const budget = home.budget;
  return (
    <Card title={t('budget')}>
      {budget ? (
        <div className="flex flex-col gap-3">
          <p className="font-bold text-2xl text-ink" data-testid="home-budget-left">
            {t('budgetLeft', { left: format.money(budget.remainingCents) })}
          </p>
          <p className="text-ink-muted text-lg">
            {t('budgetOf', { total: format.money(budget.allocationCents), end: words.calendar(budget.periodEnd) })}
          </p>
          <meter
            className="h-4 w-full"
            min={0}
            max={Math.max(budget.allocationCents, 1)}
            low={budget.allocationCents * 0.8}
            high={budget.allocationCents * 0.95}
            optimum={0}
            value={budget.usedCents}
            aria-label={t('budget')}
          />
          {budget.committedCents > 0 && (
            <p className="text-ink-muted">{t('budgetBooked', { amount: format.money(budget.committedCents) })}</p>
          )}
          {budget.alertLevel !== 'NONE' && (
            <Alert tone="warning" live="polite">
              {t('budgetWarning', { percent: format.percent(budget.alertLevel === 'CRITICAL' ? 0.95 : 0.8) })}
            </Alert>
          )}
          <ButtonLink href="/budget" className="self-start">
            {t('seeBudget')}
          </ButtonLink>
        </div>
      ) : (
        <p className="text-ink text-lg">{t('budgetNone')}</p>
      )}
    </Card>
  );
}

function MessagesCard({ home }: { home: PortalHome }) {
  const t = useTranslations('portal.home');
  const tMessages = useTranslations('portal.messages');
  return (
    <Card title={t('messages')}>
      <div className="flex flex-col gap-3">
        <p className="text-ink text-lg" data-testid="home-unread">
          {t('unread', { count: home.unreadMessages })}
        </p>
        <ButtonLink href="/messages" className="self-start">
          {tMessages('open')}
        </ButtonLink>
      </div>
    </Card>
  );
}

function CarePlanCard({ home }: { home: PortalHome }) {
  const t = useTranslations('portal.home');
  const words = useWords();
  return (
    <Card title={t('carePlan')}>
      {home.carePlan ? (
        <div className="flex flex-col gap-3">
          <p className="text-ink text-lg">{t('review', { date: words.calendar(home.carePlan.nextReviewOn) })}</p>
          <ButtonLink href="/care-plan" className="self-start">
            {t('seePlan')}
          </ButtonLink>
        </div>
      ) : (
        <p className="text-ink text-lg">{t('noPlan')}</p>
      )}
    </Card>
  );
}
