'use client';

import { Alert, ButtonLink, ErrorState, LoadingState, NotFoundState } from '@caretracker/ui/components';
import { ApiError, useErrorMessage } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { PageHeader } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { SyncPanel } from '@/components/sync-panel';
import { VisitStatusBadge } from '@/components/visit-status';
import { useVisitDraft } from '@/lib/drafts';
import { effectiveStatus, useVisitPending } from '@/lib/pending';
import { loadCompression } from '@/lib/photo-upload';
import { useBriefing, useMedications, useVisitPhotos } from '@/lib/worker-data';
import { Briefing } from './briefing';
import { CheckInPanel } from './check-in';
import { CheckOutPanel } from './check-out';
import { activitiesOf, Checklist, Doses, doseAnswered, Notes } from './during-visit';
import { EmergencyButton } from './emergency';
import { Photos } from './photos';
import { checkVitals, useVitalRanges, Vitals } from './vitals';

export function VisitScreen({ visitId }: { visitId: string }) {
  const t = useTranslations('visit');
  const format = useFormat();
  const describe = useErrorMessage();
  const briefing = useBriefing(visitId);
  const medications = useMedications(visitId, Boolean(briefing.data));
  const { outbox, pending } = useVisitPending(visitId);
  const { draft, update, clear } = useVisitDraft(visitId);
  const ranges = useVitalRanges();
  const inProgress = briefing.data?.visit.status === 'IN_PROGRESS';
  const photos = useVisitPhotos(visitId, inProgress);
  const applied = briefing.data?.visit.status === 'COMPLETED' && !pending.checkOut;
  // The API holds the check-out: the draft it carried leaves the device.
  useEffect(() => {
    if (applied) clear();
  }, [applied, clear]);
  // The photo compressor is fetched as the visit opens (with signal, before the check-in), so a
  // photo taken offline later is made smaller too.
  useEffect(() => void loadCompression().catch(() => undefined), []);
  const busy = briefing.isPending || (Boolean(briefing.data) && medications.isPending);

  if (briefing.isError && !briefing.data) {
    const notFound =
      briefing.error instanceof ApiError && (briefing.error.status === 404 || briefing.error.status === 400);
    return (
      <>
        <PageHeader
          title={notFound ? t('notFoundTitle') : t('title')}
          breadcrumbs={[{ href: '/', label: t('today') }]}
        />
        {notFound ? (
          <NotFoundState
            action={
              <ButtonLink href="/" variant="primary">
                {t('backToToday')}
              </ButtonLink>
            }
          >
            {t('notFoundBody')}
          </NotFoundState>
        ) : (
          <ErrorState onRetry={() => void briefing.refetch()} isRetrying={briefing.isFetching}>
            {describe(briefing.error)}
          </ErrorState>
        )}
      </>
    );
  }
  if (!briefing.data) {
    return (
      <div aria-busy="true">
        <PageHeader title={t('title')} breadcrumbs={[{ href: '/', label: t('today') }]} />
        <LoadingState lines={6} label={t('loading')} />
      </div>
    );
  }

  const { visit: v, client, carePlan, lastVisit } = briefing.data;
  const clientName = `${v.client.firstName} ${v.client.lastName}`;
  const status = effectiveStatus(v.status, pending);
  const activities = activitiesOf(v.plannedActivities, carePlan ?? undefined);
  const queued = [...outbox.pending, ...outbox.conflicts];
  const missingDoses = (medications.data?.due ?? [])
    .filter((dose) => !doseAnswered(dose, queued))
    .map((dose) => `${dose.name} (${format.time(dose.scheduledFor)})`);
  const canCheckIn = status === 'SCHEDULED' || status === 'CONFIRMED';
  const inVisit = status === 'IN_PROGRESS';

  return (
    <div aria-busy={busy} className="flex flex-col gap-4">
      <PageHeader
        title={clientName}
        breadcrumbs={[{ href: '/', label: t('today') }]}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {format.dateLong(v.scheduledStart)}, {format.time(v.scheduledStart)}–{format.time(v.scheduledEnd)}
            <VisitStatusBadge status={status} waiting={pending.all.length > 0} />
          </span>
        }
      />
      <EmergencyButton visitId={visitId} clientName={clientName} canRaise={inVisit || canCheckIn} />
      <SyncPanel visitId={visitId} />
      {v.status === 'CANCELLED' && (
        <Alert tone="warning" title={t('cancelledTitle')}>
          {v.cancellationReason ?? t('cancelledBody')}
        </Alert>
      )}
      {status === 'COMPLETED' && (
        <Alert tone="success" live="polite" title={t('doneTitle')}>
          {pending.checkOut
            ? t('doneWaiting')
            : v.actualEnd
              ? t('doneAt', { time: format.time(v.actualEnd) })
              : t('doneBody')}
        </Alert>
      )}
      {canCheckIn && <CheckInPanel visit={v} clientName={clientName} />}
      {!inVisit && <Briefing visit={v} client={client} plan={carePlan} lastVisit={lastVisit} />}
      {inVisit && (
        <>
          <Checklist activities={activities} draft={draft} updateDraft={update} />
          <Doses
            visitId={visitId}
            medications={medications.data}
            clientName={clientName}
            queued={queued}
            allergies={(client?.profile?.allergies as string[] | null | undefined) ?? []}
          />
          <Vitals draft={draft} updateDraft={update} ranges={ranges} />
          <Notes draft={draft} updateDraft={update} />
          <Photos visitId={visitId} clientName={clientName} queued={pending.photos} />
          <CheckOutPanel
            visit={v}
            clientName={clientName}
            activities={activities}
            draft={draft}
            updateDraft={update}
            dosesDue={medications.data?.due.length ?? 0}
            missingDoses={missingDoses}
            vitals={checkVitals(draft, ranges)}
            photos={(photos.data?.length ?? 0) + pending.photos.length}
          />
          <Briefing visit={v} client={client} plan={carePlan} lastVisit={lastVisit} />
        </>
      )}
    </div>
  );
}
