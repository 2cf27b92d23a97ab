'use client';

import type { SystemView } from '@caretracker/shared/system';
import { Alert, Badge, Button, Card, Link } from '@caretracker/ui/components';
import { QueryView } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { PageHeader, useSession } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { useRetryJob, useSystem } from '@/lib/system-api';

type State = 'healthy' | 'degraded' | 'unhealthy';
type Part = 'api' | 'database' | 'redis' | 'queues' | 'disk' | 'memory';
const PARTS: readonly Part[] = ['api', 'database', 'redis', 'queues', 'disk', 'memory'];
const TONE = { healthy: 'success', degraded: 'warning', unhealthy: 'danger' } as const;
const KNOWN_JOBS = [
  'missed-visits',
  'care-plan-review',
  'notification-digest',
  'emergency-escalation',
  'retention-purge',
  'audit-chain-check',
  'email',
  'jobs',
  'in-process',
] as const;

/** Only Redis failing leaves the service working with less (live updates, shared limits): degraded. */
export function overallState(system: SystemView): State {
  const failing = PARTS.filter((part) => system[part].status !== 'healthy');
  if (failing.length === 0) return 'healthy';
  return failing.every((part) => part === 'redis') ? 'degraded' : 'unhealthy';
}

function useJobName() {
  const t = useTranslations('system.jobs');
  return (name: string) => ((KNOWN_JOBS as readonly string[]).includes(name) ? t(name) : t('other', { name }));
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1_000_000).toLocaleString()} MB`;
}

function PartDetail({ part, system }: { part: Part; system: SystemView }) {
  const t = useTranslations('system.detail');
  const format = useFormat();
  if (part === 'api') return t('uptime', { time: format.dateTime(system.api.startedAt) });
  if (part === 'queues') {
    if (!system.queues.runner) return t('noRunner');
    return system.queues.message ?? t('runner', { runner: system.queues.runner });
  }
  const check = system[part];
  if (check.status !== 'healthy' && check.message) return check.message;
  if (part === 'redis' && check.mode === 'in-process') return t('inProcess');
  if (part === 'disk' && num(check.freePercent) !== null) return t('freeDisk', { percent: num(check.freePercent)! });
  if (part === 'memory' && num(check.rssBytes) !== null)
    return t('memoryUsed', { amount: megabytes(num(check.rssBytes)!) });
  const ms = num(check.responseTimeMs);
  return ms === null ? null : t('responseTime', { ms });
}

function Parts({ system }: { system: SystemView }) {
  const t = useTranslations('system');
  return (
    <Card title={t('parts.title')}>
      <ul className="flex flex-col">
        {PARTS.map((part) => {
          const state = system[part].status;
          return (
            <li
              key={part}
              data-testid={`part-${part}`}
              data-state={state}
              className="flex flex-col items-start gap-1 border-border-subtle border-b py-2 last:border-b-0 sm:flex-row sm:items-center sm:justify-between"
            >
              <span className="flex flex-col">
                <span className="font-semibold text-ink">{t(`parts.${part}`)}</span>
                <span className="text-ink-muted text-sm">
                  <PartDetail part={part} system={system} />
                </span>
              </span>
              <Badge tone={TONE[state]}>{t(`state.${state}`)}</Badge>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

const COUNTS = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Each queue's jobs by state: a short list (it reads on a phone as well as on a wide screen). */
function Queues({ system }: { system: SystemView }) {
  const t = useTranslations('system.queues');
  const jobName = useJobName();
  const format = useFormat();
  const rows = system.queues.counts;
  return (
    <Card title={t('title')}>
      {rows.length === 0 ? (
        <p className="text-ink-muted">{t('none')}</p>
      ) : (
        <ul className="flex flex-col">
          {rows.map((row) => (
            <li
              key={row.queue}
              data-testid={`queue-${row.queue}`}
              className="border-border-subtle border-b py-2 last:border-b-0"
            >
              <h3 className="font-semibold text-ink">{jobName(row.queue)}</h3>
              <dl className="mt-1 grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-5">
                {COUNTS.map((key) => (
                  <div key={key} className="flex flex-col">
                    <dt className="text-ink-muted text-sm">{t(key)}</dt>
                    <dd data-testid={`queue-${row.queue}-${key}`} className="font-semibold text-ink">
                      {format.number(row[key])}
                    </dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

type Failure = SystemView['failedJobs'][number];

/** "Try again" for one failed run: queued again, or why not (already retried, gone, or the server failed). */
function RetryJob({ failure }: { failure: Failure }) {
  const t = useTranslations('system.failed');
  const jobName = useJobName();
  const retry = useRetryJob();
  const { id } = failure;
  if (id === null) return null;
  if (retry.isSuccess)
    return (
      <p className="font-semibold text-ink" role="status">
        {t('retried')}
      </p>
    );
  return (
    <div className="mt-2 flex flex-col gap-2">
      <Button
        variant="secondary"
        aria-label={t('retryNamed', { job: jobName(failure.job) })}
        isPending={retry.isPending}
        onPress={() => retry.mutate({ queue: failure.queue, id })}
        className="self-start"
      >
        {t('retry')}
      </Button>
      {retry.isError && (
        <Alert tone="error" title={t('retryFailedTitle')}>
          {t('retryFailedBody')}
        </Alert>
      )}
    </div>
  );
}

/** The newest failed runs: which job, when, how many tries, and the error as the server wrote it. */
function FailedJobs({ system }: { system: SystemView }) {
  const t = useTranslations('system.failed');
  const jobName = useJobName();
  const format = useFormat();
  const rows = system.failedJobs;
  return (
    <div id="failed-jobs" data-testid="failed-jobs" data-count={rows.length}>
      <Card title={t('title')} description={t('description')}>
        {rows.length === 0 ? (
          <p className="text-ink-muted">{t('none')}</p>
        ) : (
          <ul className="flex flex-col">
            {rows.map((failure) => (
              <li
                key={`${failure.queue}-${failure.job}-${failure.id ?? ''}-${failure.failedAt}`}
                className="border-border-subtle border-b py-2 last:border-b-0"
              >
                <h3 className="font-semibold text-ink">{jobName(failure.job)}</h3>
                <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
                  <dt className="text-ink-muted">{t('when')}</dt>
                  <dd>{format.dateTime(failure.failedAt)}</dd>
                  <dt className="text-ink-muted">{t('attempts')}</dt>
                  <dd>{format.number(failure.attempts)}</dd>
                  <dt className="text-ink-muted">{t('error')}</dt>
                  <dd className="break-words">{failure.error}</dd>
                </dl>
                <RetryJob failure={failure} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function Version({ system }: { system: SystemView }) {
  const t = useTranslations('system.version');
  return (
    <Card title={t('title')}>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold text-ink">{t('version')}</dt>
        <dd data-testid="version">{system.api.version}</dd>
        <dt className="font-semibold text-ink">{t('environment')}</dt>
        <dd>{system.api.environment}</dd>
        <dt className="font-semibold text-ink">{t('node')}</dt>
        <dd>{system.api.node}</dd>
        <dt className="font-semibold text-ink">{t('timeZone')}</dt>
        <dd>{system.api.agencyTimeZone}</dd>
      </dl>
    </Card>
  );
}

function AdminsOnly() {
  const t = useTranslations('system');
  return (
    <>
      <h1 className="mb-6 font-bold text-3xl text-ink">{t('adminsOnly')}</h1>
      <Card>
        <p className="mb-4 text-ink">{t('adminsOnlyBody')}</p>
        <Link href="/">{t('backHome')}</Link>
      </Card>
    </>
  );
}

/** Admins: is the service working, what it depends on, the job queues, failed jobs and the version. */
export function SystemScreen() {
  const t = useTranslations('system');
  const format = useFormat();
  const { me } = useSession();
  const isAdmin = me.role === 'ADMIN';
  const system = useSystem(isAdmin);
  if (!isAdmin) return <AdminsOnly />;
  return (
    <div aria-busy={system.isPending}>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Button variant="secondary" onPress={() => void system.refetch()} isPending={system.isFetching}>
            {t('refresh')}
          </Button>
        }
      />
      <QueryView query={system} loading={<p className="text-ink-muted">{t('loading')}</p>}>
        {(view) => {
          const overall = overallState(view);
          return (
            <div className="flex flex-col gap-4">
              <p
                role="status"
                data-testid="overall"
                data-state={overall}
                className="flex flex-wrap items-center gap-2 text-ink text-lg"
              >
                <Badge tone={TONE[overall]}>{t(`state.${overall}`)}</Badge>
                {t(`overall.${overall}`)}
              </p>
              <p className="text-ink-muted text-sm">{t('checkedAt', { time: format.time(view.checkedAt) })}</p>
              <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
                <Parts system={view} />
                <Version system={view} />
                <div className="lg:col-span-2">
                  <Queues system={view} />
                </div>
                <div className="lg:col-span-2">
                  <FailedJobs system={view} />
                </div>
              </div>
            </div>
          );
        }}
      </QueryView>
    </div>
  );
}
