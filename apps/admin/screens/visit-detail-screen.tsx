'use client';

import type { VisitDetailView } from '@caretracker/shared';
import {
  Alert,
  Badge,
  Button,
  Card,
  Link,
  NotFoundState,
  type Option,
  Radio,
  RadioGroup,
  Select,
  TextField,
  toast,
} from '@caretracker/ui/components';
import { QueryView, useErrorMessage, useVisit } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { PageHeader } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useResolveException, useReviewVisit } from '@/lib/office-api';
import { fullName, REASON_CODES, SERVICE_TYPE_LIST, standing } from '@/lib/vocabulary';

type Call = NonNullable<VisitDetailView['checkIn']>;
type EvvException = VisitDetailView['evvExceptions'][number];

function Distance({ meters }: { meters: number }) {
  const t = useTranslations('visit.evv');
  return <>{meters >= 1000 ? t('km', { km: Math.round(meters / 100) / 10 }) : t('m', { m: Math.round(meters) })}</>;
}

/** One EVV call in plain words: when, where from, and how the phone's clock compared with the server's. */
function CallFacts({ call, kind }: { call: Call | null; kind: 'in' | 'out' }) {
  const t = useTranslations('visit.evv');
  const format = useFormat();
  if (!call) return <p className="text-ink-muted">{t(kind === 'in' ? 'noCheckIn' : 'noCheckOut')}</p>;
  const skewMinutes = call.deviceAt ? Math.round((Date.parse(call.deviceAt) - Date.parse(call.at)) / 60_000) : null;
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
      <dt className="font-semibold text-ink">{t('time')}</dt>
      <dd>{format.dateTime(call.at)}</dd>
      <dt className="font-semibold text-ink">{t('place')}</dt>
      <dd>
        {call.distanceM === null ? (
          t('noDistance')
        ) : (
          <>
            <Distance meters={call.distanceM} /> {t('fromHome')}
          </>
        )}
        {call.accuracyM !== null && <> {t('accuracy', { m: Math.round(call.accuracyM) })}</>}
      </dd>
      <dt className="font-semibold text-ink">{t('clock')}</dt>
      <dd>
        {skewMinutes === null
          ? t('noDeviceTime')
          : skewMinutes === 0
            ? t('clockMatched', { time: format.time(call.deviceAt!) })
            : t(skewMinutes < 0 ? 'clockBehind' : 'clockAhead', {
                minutes: Math.abs(skewMinutes),
                time: format.time(call.deviceAt!),
              })}
      </dd>
    </dl>
  );
}

function ExceptionItem({ visitId, exception }: { visitId: string; exception: EvvException }) {
  const t = useTranslations('visit.exceptions');
  const format = useFormat();
  const describe = useErrorMessage();
  const resolve = useResolveException(visitId);
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; note?: string }>({});
  const detail = exception.detail as { distanceMeters?: number | null; minutesLate?: number; minutesEarly?: number };
  const reasons: Option[] = REASON_CODES.map((code) => ({ id: code, label: t(`reasons.${code}`) }));

  const submit = () => {
    const next: typeof errors = {};
    if (!reason) next.reason = t('reasonRequired');
    if (reason === 'OTHER' && !note.trim()) next.note = t('noteRequired');
    setErrors(next);
    if (next.reason || next.note) return;
    resolve.mutate(
      { exceptionId: exception.id, reasonCode: reason!, note: note.trim() || undefined },
      { onSuccess: () => toast.success(t('resolved')) },
    );
  };

  return (
    <li className="flex flex-col gap-2 border-border-subtle border-b pb-4 last:border-b-0" data-testid="evv-exception">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold text-ink">{t(`types.${exception.type}`)}</h3>
        <Badge tone={exception.status === 'OPEN' ? 'warning' : 'success'}>
          {t(exception.status === 'OPEN' ? 'open' : 'closed')}
        </Badge>
      </div>
      <p className="text-ink-muted">
        {typeof detail.distanceMeters === 'number' && <>{t('distance', { m: Math.round(detail.distanceMeters) })} </>}
        {typeof detail.minutesLate === 'number' && <>{t('minutesLate', { minutes: detail.minutesLate })} </>}
        {typeof detail.minutesEarly === 'number' && <>{t('minutesEarly', { minutes: detail.minutesEarly })} </>}
        {t('recorded', { time: format.dateTime(exception.createdAt) })}
      </p>
      {exception.status === 'RESOLVED' ? (
        <p>
          {t('resolvedAs', {
            reason: exception.reasonCode ? t(`reasons.${exception.reasonCode}`) : '',
            time: exception.resolvedAt ? format.dateTime(exception.resolvedAt) : '',
          })}
          {exception.note && <> “{exception.note}”</>}
        </p>
      ) : (
        <form
          noValidate
          className="flex flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          {resolve.error && <Alert>{describe(resolve.error)}</Alert>}
          <Select
            label={t('reason')}
            placeholder={t('reasonPlaceholder')}
            options={reasons}
            selectedKey={reason}
            onSelectionChange={(key) => setReason(key === null ? null : String(key))}
            error={errors.reason}
            isRequired
          />
          <TextField
            label={t('note')}
            hint={t('noteHint')}
            multiline
            rows={2}
            value={note}
            onChange={setNote}
            error={errors.note}
            maxLength={1000}
          />
          <div>
            <Button type="submit" isPending={resolve.isPending}>
              {t('resolve')}
            </Button>
          </div>
        </form>
      )}
    </li>
  );
}

function ReviewCard({ visit }: { visit: VisitDetailView }) {
  const t = useTranslations('visit.review');
  const format = useFormat();
  const describe = useErrorMessage();
  const review = useReviewVisit(visit.id);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | undefined>();
  if (visit.status !== 'COMPLETED') return null;
  return (
    <section className="mt-6">
      <Card title={t('title')} description={t('description')}>
        {visit.review ? (
          <p data-testid="visit-review">
            {t(visit.review.outcome === 'APPROVED' ? 'doneApproved' : 'doneFollowUp', {
              time: visit.review.reviewedAt ? format.dateTime(visit.review.reviewedAt) : '',
            })}
            {visit.review.notes && <> “{visit.review.notes}”</>}
          </p>
        ) : (
          <form
            noValidate
            className="flex flex-col gap-3"
            onSubmit={(event) => {
              event.preventDefault();
              if (!outcome) {
                setError(t('outcomeRequired'));
                return;
              }
              setError(undefined);
              review.mutate(
                { outcome, notes: notes.trim() || undefined },
                { onSuccess: () => toast.success(t('saved')) },
              );
            }}
          >
            {review.error && <Alert>{describe(review.error)}</Alert>}
            <RadioGroup label={t('outcome')} value={outcome} onChange={setOutcome} error={error} isRequired>
              <Radio value="APPROVED">{t('approved')}</Radio>
              <Radio value="NEEDS_FOLLOW_UP">{t('followUp')}</Radio>
            </RadioGroup>
            <TextField label={t('notes')} multiline rows={2} value={notes} onChange={setNotes} maxLength={2000} />
            <div>
              <Button type="submit" isPending={review.isPending}>
                {t('save')}
              </Button>
            </div>
          </form>
        )}
      </Card>
    </section>
  );
}

function VisitDetail({ visit }: { visit: VisitDetailView }) {
  const t = useTranslations('visit');
  const tv = useTranslations('visits');
  const format = useFormat();
  const { key, tone } = standing({ status: visit.status, attention: null });
  const service = (SERVICE_TYPE_LIST as readonly string[]).includes(visit.serviceType)
    ? t(`services.${visit.serviceType}`)
    : visit.serviceType;
  const open = visit.evvExceptions.filter((exception) => exception.status === 'OPEN').length;
  return (
    <>
      <PageHeader
        title={t('title', { client: fullName(visit.client) })}
        breadcrumbs={[{ href: '/visits', label: tv('title') }]}
        description={t('when', {
          date: format.dateLong(visit.scheduledStart),
          start: format.time(visit.scheduledStart),
          end: format.time(visit.scheduledEnd),
        })}
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title={t('summary')}>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
            <dt className="font-semibold text-ink">{t('status')}</dt>
            <dd>
              <Badge tone={tone}>{tv(key)}</Badge>
            </dd>
            <dt className="font-semibold text-ink">{t('client')}</dt>
            <dd>{fullName(visit.client)}</dd>
            <dt className="font-semibold text-ink">{t('worker')}</dt>
            <dd>{visit.worker ? fullName(visit.worker) : tv('unassigned')}</dd>
            <dt className="font-semibold text-ink">{t('service')}</dt>
            <dd>{service}</dd>
            <dt className="font-semibold text-ink">{t('length')}</dt>
            <dd>{t('minutes', { minutes: visit.durationMinutes })}</dd>
            {visit.cancellationReason && (
              <>
                <dt className="font-semibold text-ink">{t('cancelReason')}</dt>
                <dd>{visit.cancellationReason}</dd>
              </>
            )}
            {visit.noShowReason && (
              <>
                <dt className="font-semibold text-ink">{t('noShowReason')}</dt>
                <dd>{visit.noShowReason}</dd>
              </>
            )}
            {visit.clientSatisfaction !== null && (
              <>
                <dt className="font-semibold text-ink">{t('satisfaction')}</dt>
                <dd>{t('satisfactionValue', { stars: visit.clientSatisfaction })}</dd>
              </>
            )}
            {visit.followUpRequired && (
              <>
                <dt className="font-semibold text-ink">{t('followUpNeeded')}</dt>
                <dd>{visit.followUpNote ?? t('followUpYes')}</dd>
              </>
            )}
            {visit.rating && (
              <>
                <dt className="font-semibold text-ink">{t('rating')}</dt>
                <dd data-testid="visit-rating">
                  {t('ratingValue', { stars: visit.rating.stars })},{' '}
                  {t('ratedOn', { date: format.date(visit.rating.updatedAt) })}
                  {visit.rating.comment && (
                    <span className="block">{t('ratingComment', { comment: visit.rating.comment })}</span>
                  )}
                </dd>
              </>
            )}
          </dl>
        </Card>
        <Card title={t('evv.title')} description={t('evv.description')}>
          <h3 className="mt-2 mb-1 font-semibold text-ink text-lg">{t('evv.checkIn')}</h3>
          <CallFacts call={visit.checkIn} kind="in" />
          <h3 className="mt-4 mb-1 font-semibold text-ink text-lg">{t('evv.checkOut')}</h3>
          <CallFacts call={visit.checkOut} kind="out" />
        </Card>
      </div>
      <section aria-labelledby="exceptions-heading" className="mt-6">
        <Card
          title={t('exceptions.title')}
          description={t('exceptions.summary', { open, total: visit.evvExceptions.length })}
        >
          <h2 id="exceptions-heading" className="sr-only">
            {t('exceptions.title')}
          </h2>
          {visit.evvExceptions.length === 0 ? (
            <p className="text-ink-muted">{t('exceptions.none')}</p>
          ) : (
            <ul className="flex flex-col gap-4">
              {visit.evvExceptions.map((exception) => (
                <ExceptionItem key={exception.id} visitId={visit.id} exception={exception} />
              ))}
            </ul>
          )}
        </Card>
      </section>
      <ReviewCard visit={visit} />
      {visit.amendments.length > 0 && (
        <section className="mt-6">
          <Card title={t('amendments.title')}>
            <ul className="flex flex-col gap-2">
              {visit.amendments.map((amendment) => (
                <li key={amendment.id}>
                  {t('amendments.item', {
                    field: amendment.field,
                    time: format.dateTime(amendment.changedAt),
                    reason: t(`exceptions.reasons.${amendment.reasonCode}`),
                  })}
                  {amendment.note && <> “{amendment.note}”</>}
                </li>
              ))}
            </ul>
          </Card>
        </section>
      )}
    </>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function VisitDetailScreen({ visitId }: { visitId: string }) {
  const t = useTranslations('visit');
  const valid = UUID.test(visitId);
  const query = useVisit(visitId, valid);
  if (!valid) return <VisitNotFound />;
  return (
    <div aria-busy={query.isPending}>
      <QueryView query={query} loading={<PageHeader title={t('loading')} />} notFound={<VisitNotFound />}>
        {(visit) => <VisitDetail visit={visit} />}
      </QueryView>
    </div>
  );
}

function VisitNotFound() {
  const t = useTranslations('visit');
  const tv = useTranslations('visits');
  return (
    <>
      <PageHeader title={t('notFoundTitle')} breadcrumbs={[{ href: '/visits', label: tv('title') }]} />
      <NotFoundState action={<Link href="/visits">{t('backToVisits')}</Link>} />
    </>
  );
}
