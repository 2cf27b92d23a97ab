'use client';

import type { VisitDetailView } from '@caretracker/shared';
import { Alert, Badge, Button, ButtonLink, Card, LoadingState, NotFoundState } from '@caretracker/ui/components';
import { QueryView, useErrorMessage, useVisit } from '@caretracker/ui/data';
import { PageHeader } from '@caretracker/ui/shell';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useCarePlan, useConfirmVisit, usePortalHome } from '@/lib/portal-data';
import { useWords } from '@/lib/use-words';
import { statusTone } from '../../status-tone';
import { WorkerPhoto } from '../../worker-photo';

// The dialog and its text field load when the client opens it, not with the page.
const CancelDialog = dynamic(() => import('./cancel-dialog').then((m) => m.CancelDialog), { ssr: false });
const ChangeDialog = dynamic(() => import('./change-dialog').then((m) => m.ChangeDialog), { ssr: false });
const RatingCard = dynamic(() => import('./rating-card').then((m) => m.RatingCard), { ssr: false });

/** An address with something other than a visit id in it names no visit: not found, without asking. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/visits/[visitId]`: one of the client's visits; another person's (or none) is a calm "not found". */
export function VisitDetail({ id }: { id: string }) {
  const t = useTranslations('portal.visit');
  const words = useWords();
  const valid = UUID.test(id);
  const visit = useVisit(id, valid);
  const title = visit.data ? words.when(visit.data.scheduledStart) : t('title');
  const notFound = <NotFoundState action={<ButtonLink href="/visits">{t('back')}</ButtonLink>} />;
  return (
    <div aria-busy={valid && visit.isPending}>
      <PageHeader title={title} breadcrumbs={[{ href: '/visits', label: t('back') }]} />
      {valid ? (
        <QueryView query={visit} loading={<LoadingState lines={5} />} notFound={notFound}>
          {(data) => <VisitBody visit={data} />}
        </QueryView>
      ) : (
        notFound
      )}
    </div>
  );
}

function VisitBody({ visit }: { visit: VisitDetailView }) {
  const t = useTranslations('portal.visit');
  const tPortal = useTranslations('portal');
  const words = useWords();
  const upcoming = visit.status === 'SCHEDULED' || visit.status === 'CONFIRMED';
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <dl className="grid gap-4 text-lg sm:grid-cols-2">
          <div>
            <dt className="font-bold text-ink">{t('when')}</dt>
            <dd className="text-ink">
              {words.when(visit.scheduledStart)}, {words.untilInline(visit.scheduledEnd)}
            </dd>
          </div>
          <div>
            <dt className="font-bold text-ink">{t('who')}</dt>
            <dd className="flex items-center gap-3 text-ink">
              {visit.worker && <WorkerPhoto person={visit.worker} />}
              <span>{visit.worker ? words.name(visit.worker) : words.name(null)}</span>
            </dd>
          </div>
          <div>
            <dt className="font-bold text-ink">{t('what')}</dt>
            <dd className="text-ink">{words.service(visit.serviceType)}</dd>
          </div>
          <div>
            <dt className="font-bold text-ink">{t('status')}</dt>
            <dd className="text-ink">
              <div role="status" className="flex flex-wrap items-center gap-2">
                <Badge tone={statusTone(visit.status)}>{words.status(visit.status)}</Badge>
                {visit.actualStart && <span>{t('arrived', { time: words.time(visit.actualStart) })}</span>}
                {visit.actualEnd && <span>{t('left', { time: words.time(visit.actualEnd) })}</span>}
              </div>
            </dd>
          </div>
        </dl>
        {!visit.worker && upcoming && <p className="mt-4 text-ink-muted">{tPortal('notAssigned')}</p>}
      </Card>
      {visit.status === 'CANCELLED' && visit.cancellationReason && (
        <Alert tone="info" live="polite">
          {t('cancelledBecause', { reason: visit.cancellationReason })}
        </Alert>
      )}
      {visit.status === 'COMPLETED' && <WhatWasDone visit={visit} />}
      {visit.status === 'COMPLETED' && <RatingCard visitId={visit.id} rating={visit.rating} />}
      {upcoming && <UpcomingActions visit={visit} />}
    </div>
  );
}

function WhatWasDone({ visit }: { visit: VisitDetailView }) {
  const t = useTranslations('portal.visit');
  const plan = useCarePlan(visit.carePlanId);
  const names = new Map((plan.data?.activities ?? []).map((a) => [a.code, a.name]));
  return (
    <Card title={t('done')}>
      {visit.performedActivities.length > 0 && (
        <ul className="mb-4 flex flex-col gap-2 text-lg">
          {visit.performedActivities.map((activity) => (
            <li key={activity.code} className="flex flex-wrap gap-2">
              <span className="font-semibold text-ink">{names.get(activity.code) ?? activity.code}</span>
              <span className="text-ink-muted">— {t(`activity.${activity.status}`)}</span>
              {activity.note && <span className="text-ink-muted">({activity.note})</span>}
            </li>
          ))}
        </ul>
      )}
      <h3 className="font-bold text-ink text-lg">{t('notes')}</h3>
      <p className="whitespace-pre-line text-ink text-lg">{visit.notes ?? t('noNotes')}</p>
    </Card>
  );
}

function UpcomingActions({ visit }: { visit: VisitDetailView }) {
  const t = useTranslations('portal.visit');
  const words = useWords();
  const home = usePortalHome();
  const phone = home.data?.office.phone ?? '';
  const started = new Date(visit.scheduledStart).getTime() <= Date.now();
  const [open, setOpen] = useState(false);
  const [refused, setRefused] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const [changeOpen, setChangeOpen] = useState(false);
  const [changeAsked, setChangeAsked] = useState<string | null>(null);
  const minutes = Math.round((Date.parse(visit.scheduledEnd) - Date.parse(visit.scheduledStart)) / 60_000);
  const confirm = useConfirmVisit(visit.id);
  const describe = useErrorMessage();
  return (
    <Card>
      <div className="flex flex-col gap-4">
        {visit.status === 'SCHEDULED' && !started && (
          <Button
            variant="primary"
            className="self-start"
            isPending={confirm.isPending}
            onPress={() => confirm.mutate()}
          >
            {t('confirm')}
          </Button>
        )}
        {visit.status === 'CONFIRMED' && confirm.isSuccess && (
          <Alert tone="success" live="polite">
            {t('confirmed')}
          </Alert>
        )}
        {confirm.isError && <Alert tone="error">{describe(confirm.error)}</Alert>}
        {!started && (
          <div className="flex flex-col gap-3 border-border-subtle border-t pt-4">
            <p className="text-ink text-lg">{t('changeRule')}</p>
            {changeAsked ? (
              <Alert tone="success" live="polite">
                {t('changeSent', { when: words.when(changeAsked) })}
              </Alert>
            ) : (
              <Button variant="secondary" className="self-start" onPress={() => setChangeOpen(true)}>
                {t('askChange')}
              </Button>
            )}
          </div>
        )}
        <p className="text-ink text-lg">{t('cutOffRule')}</p>
        {cancelled && (
          <Alert tone="success" live="polite">
            {t('cancelled')}
          </Alert>
        )}
        {started || refused ? (
          <Alert tone="warning" live="assertive">
            {t('tooLate', { phone })}
          </Alert>
        ) : (
          <Button variant="danger" className="self-start" onPress={() => setOpen(true)}>
            {t('cancel')}
          </Button>
        )}
      </div>
      {changeOpen && (
        <ChangeDialog
          visitId={visit.id}
          minutes={minutes}
          isOpen={changeOpen}
          onOpenChange={setChangeOpen}
          onSent={setChangeAsked}
        />
      )}
      {open && (
        <CancelDialog
          visitId={visit.id}
          isOpen={open}
          onOpenChange={setOpen}
          onCancelled={() => setCancelled(true)}
          onTooLate={() => {
            setOpen(false);
            setRefused(true);
          }}
        />
      )}
    </Card>
  );
}
