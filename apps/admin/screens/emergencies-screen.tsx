'use client';

import type { EmergencySummary, EmergencyView } from '@caretracker/shared';
import {
  Alert,
  Badge,
  Button,
  Card,
  EmptyState,
  Link,
  NotFoundState,
  type Option,
  Select,
  TextField,
  toast,
} from '@caretracker/ui/components';
import { QueryView, useErrorMessage } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { PageHeader } from '@caretracker/ui/shell';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAcknowledgeEmergency, useEmergencies, useEmergency, useResolveEmergency } from '@/lib/office-api';
import { fullName } from '@/lib/vocabulary';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS_TONE = { OPEN: 'danger', ACKNOWLEDGED: 'warning', RESOLVED: 'success' } as const;

function AcknowledgeButton({ alert }: { alert: EmergencySummary }) {
  const t = useTranslations('emergencies');
  const describe = useErrorMessage();
  const acknowledge = useAcknowledgeEmergency();
  return (
    <Button
      variant="danger"
      isPending={acknowledge.isPending}
      aria-label={t('acknowledgeFor', { client: fullName(alert.client) })}
      onPress={() =>
        acknowledge.mutate(alert.id, {
          onSuccess: () => toast.success(t('acknowledged')),
          onError: (error) => toast.error(describe(error)),
        })
      }
    >
      {t('acknowledge')}
    </Button>
  );
}

function AlertSummary({ alert }: { alert: EmergencySummary }) {
  const t = useTranslations('emergencies');
  const format = useFormat();
  return (
    <li className="flex flex-col gap-2 rounded-card border border-border-subtle bg-surface p-4" data-testid="emergency">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/emergencies/${alert.id}`} className="text-lg">
          {t('who', { client: fullName(alert.client) })}
        </Link>
        <Badge tone={STATUS_TONE[alert.status]}>{t(`status.${alert.status}`)}</Badge>
        {alert.escalatedAt && alert.status === 'OPEN' && <Badge tone="danger">{t('escalatedBadge')}</Badge>}
      </div>
      <p>
        {t('raised', { name: fullName(alert.raisedBy), time: format.dateTime(alert.createdAt) })}
        {alert.message && <> “{alert.message}”</>}
      </p>
      {alert.status === 'OPEN' && (
        <div>
          <AcknowledgeButton alert={alert} />
        </div>
      )}
    </li>
  );
}

export function EmergenciesScreen() {
  const t = useTranslations('emergencies');
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const requested = params.get('status');
  const status = requested === 'OPEN' || requested === 'ACKNOWLEDGED' || requested === 'RESOLVED' ? requested : 'all';
  const query = useEmergencies(status === 'all' ? {} : { status });
  const options: Option[] = [
    { id: 'all', label: t('filterAll') },
    { id: 'OPEN', label: t('status.OPEN') },
    { id: 'ACKNOWLEDGED', label: t('status.ACKNOWLEDGED') },
    { id: 'RESOLVED', label: t('status.RESOLVED') },
  ];
  return (
    <div aria-busy={query.isPending || query.isFetching}>
      <PageHeader title={t('title')} description={t('description')} />
      <Select
        label={t('show')}
        options={options}
        selectedKey={status}
        className="mb-4 max-w-sm"
        onSelectionChange={(key) =>
          router.replace(key === 'all' ? pathname : `${pathname}?status=${String(key)}`, { scroll: false })
        }
      />
      <QueryView
        query={query}
        isEmpty={(alerts) => alerts.length === 0}
        empty={<EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>}
      >
        {(alerts) => (
          <ul className="flex flex-col gap-3">
            {alerts.map((alert) => (
              <AlertSummary key={alert.id} alert={alert} />
            ))}
          </ul>
        )}
      </QueryView>
    </div>
  );
}

function ResolveForm({ alert }: { alert: EmergencyView }) {
  const t = useTranslations('emergencies');
  const describe = useErrorMessage();
  const resolve = useResolveEmergency(alert.id);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      noValidate
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (!note.trim()) {
          setError(t('noteRequired'));
          return;
        }
        setError(undefined);
        resolve.mutate(note.trim(), { onSuccess: () => toast.success(t('resolved')) });
      }}
    >
      {resolve.error && <Alert>{describe(resolve.error)}</Alert>}
      <TextField
        label={t('resolveNote')}
        hint={t('resolveHint')}
        multiline
        rows={3}
        value={note}
        onChange={setNote}
        error={error}
        isRequired
        maxLength={2000}
      />
      <div>
        <Button type="submit" isPending={resolve.isPending}>
          {t('resolve')}
        </Button>
      </div>
    </form>
  );
}

function EmergencyDetail({ alert }: { alert: EmergencyView }) {
  const t = useTranslations('emergencies');
  const format = useFormat();
  return (
    <>
      <PageHeader
        title={t('who', { client: fullName(alert.client) })}
        breadcrumbs={[{ href: '/emergencies', label: t('title') }]}
        description={t('raised', { name: fullName(alert.raisedBy), time: format.dateTime(alert.createdAt) })}
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title={t('now')}>
          <div className="flex flex-col gap-3">
            <p>
              <Badge tone={STATUS_TONE[alert.status]}>{t(`status.${alert.status}`)}</Badge>
            </p>
            {alert.message && <p>“{alert.message}”</p>}
            {alert.visitId && <Link href={`/visits/${alert.visitId}`}>{t('openVisit')}</Link>}
            {alert.status === 'OPEN' && (
              <div>
                <AcknowledgeButton alert={alert} />
              </div>
            )}
            {alert.status !== 'RESOLVED' ? (
              <ResolveForm alert={alert} />
            ) : (
              <p>{t('resolvedWith', { note: alert.resolutionNote ?? '' })}</p>
            )}
          </div>
        </Card>
        <Card title={t('timeline')}>
          <ol className="flex flex-col gap-2" data-testid="timeline">
            {alert.timeline.map((event) => (
              <li key={event.id} className="flex flex-col border-border-subtle border-b pb-2 last:border-b-0">
                <span className="font-semibold">{t(`events.${event.type}`)}</span>
                <span className="text-ink-muted text-sm">{format.dateTime(event.createdAt)}</span>
                {event.note && <span>“{event.note}”</span>}
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}

function EmergencyNotFound() {
  const t = useTranslations('emergencies');
  return (
    <>
      <PageHeader title={t('notFoundTitle')} breadcrumbs={[{ href: '/emergencies', label: t('title') }]} />
      <NotFoundState action={<Link href="/emergencies">{t('backToList')}</Link>} />
    </>
  );
}

export function EmergencyScreen({ emergencyId }: { emergencyId: string }) {
  const t = useTranslations('emergencies');
  const valid = UUID.test(emergencyId);
  const query = useEmergency(emergencyId, valid);
  if (!valid) return <EmergencyNotFound />;
  return (
    <div aria-busy={query.isPending}>
      <QueryView query={query} loading={<PageHeader title={t('title')} />} notFound={<EmergencyNotFound />}>
        {(alert) => <EmergencyDetail alert={alert} />}
      </QueryView>
    </div>
  );
}
