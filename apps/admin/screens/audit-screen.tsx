'use client';

import {
  Alert,
  Badge,
  type BadgeTone,
  Button,
  ButtonLink,
  DataTable,
  EmptyState,
  Link,
  type Option,
  Select,
  type TableColumn,
} from '@caretracker/ui/components';
import { QueryView } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { PageHeader, useSession } from '@caretracker/ui/shell';
import type { CalendarDate } from '@internationalized/date';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { type AuditLogEntry, auditExportHref, type ChainCheck, useAuditLog, useVerifyChain } from '@/lib/audit-api';
import { dayFromAddress, dayRangeQuery } from '@/lib/day-range';
import { fullName } from '@/lib/vocabulary';
import {
  AUDIT_ACTION_KIND_LIST,
  AUDIT_ACTION_KINDS,
  AUDIT_ENTITY_LIST,
  AUDIT_OUTCOME_LIST,
  type AuditActionKind,
  actionKey,
  entityKey,
  recordHref,
  roleKey,
} from './audit-vocabulary';
import { DayRangeFields } from './day-range-fields';
import { Pager } from './pager';
import { PersonPicker } from './person-picker';

const PAGE_SIZE = 25;
/** The "any" choice of a filter's list. */
const ANY = 'any';
const picked = (key: string | number | null) => (key === null || key === ANY ? '' : String(key));

interface AuditFilters {
  actorId: string;
  entityType: string;
  kind: AuditActionKind | '';
  outcome: string;
  from: CalendarDate | null;
  to: CalendarDate | null;
  page: number;
}

function readFilters(params: URLSearchParams, timeZone: string): AuditFilters {
  const kind = params.get('kind') ?? '';
  const page = Number(params.get('page'));
  return {
    actorId: params.get('actorId') ?? '',
    entityType: params.get('entityType') ?? '',
    kind: (AUDIT_ACTION_KIND_LIST as string[]).includes(kind) ? (kind as AuditActionKind) : '',
    outcome: params.get('outcome') ?? '',
    from: dayFromAddress(params.get('from'), timeZone, false),
    to: dayFromAddress(params.get('to'), timeZone, true),
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

function toAddress(filters: AuditFilters): string {
  const params = new URLSearchParams();
  if (filters.actorId) params.set('actorId', filters.actorId);
  if (filters.entityType) params.set('entityType', filters.entityType);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.outcome) params.set('outcome', filters.outcome);
  if (filters.from) params.set('from', filters.from.toString());
  if (filters.to) params.set('to', filters.to.toString());
  if (filters.page > 1) params.set('page', String(filters.page));
  return params.toString();
}

/** The filters as the API takes them: days cut in the agency's time zone, a kind as its actions. */
function toApiFilters(filters: AuditFilters, timeZone: string): Record<string, string> {
  const api: Record<string, string> = {};
  if (filters.actorId) api.actorId = filters.actorId;
  if (filters.entityType) api.entityType = filters.entityType;
  if (filters.kind) api.action = AUDIT_ACTION_KINDS[filters.kind].join(',');
  if (filters.outcome) api.outcome = filters.outcome;
  return { ...api, ...dayRangeQuery(filters.from, filters.to, timeZone) };
}

/** "Pacific Time" rather than the zone's id, where the browser knows a name for it. */
function zoneName(timeZone: string, locale: string): string {
  try {
    const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((item) => item.type === 'timeZoneName');
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

const OUTCOME_TONES: Record<string, BadgeTone> = { SUCCESS: 'success', FAILURE: 'danger', DENIED: 'warning' };

function Who({ entry }: { entry: AuditLogEntry }) {
  const t = useTranslations('audit');
  if (!entry.actorId) return <span>{t('system')}</span>;
  const name = entry.actor ? fullName(entry.actor).trim() : '';
  return (
    <span className="flex flex-col">
      <span>{name || t('someone')}</span>
      <span className="text-ink-muted text-sm">{t(`roles.${roleKey(entry.actor?.role ?? entry.actorRole)}`)}</span>
    </span>
  );
}

function What({ entry }: { entry: AuditLogEntry }) {
  const t = useTranslations('audit');
  const href = recordHref(entry);
  const record = t(`entities.${entityKey(entry.entityType)}`);
  const named = entry.subject ? t('recordNamed', { record, name: fullName(entry.subject) }) : record;
  return (
    <span className="flex flex-col">
      <span>{t(`actions.${actionKey(entry.action)}`)}</span>
      <span className="text-ink-muted text-sm">{href ? <Link href={href}>{named}</Link> : named}</span>
    </span>
  );
}

function AuditTable({ rows }: { rows: AuditLogEntry[] }) {
  const t = useTranslations('audit');
  const format = useFormat();
  const columns: TableColumn<AuditLogEntry>[] = [
    {
      id: 'when',
      label: t('columns.when'),
      isRowHeader: true,
      render: (entry) => (
        <time dateTime={entry.occurredAt}>
          {t('when', { date: format.date(entry.occurredAt), time: format.time(entry.occurredAt) })}
        </time>
      ),
    },
    { id: 'who', label: t('columns.who'), render: (entry) => <Who entry={entry} /> },
    { id: 'what', label: t('columns.what'), render: (entry) => <What entry={entry} /> },
    {
      id: 'outcome',
      label: t('columns.outcome'),
      render: (entry) => (
        <Badge tone={OUTCOME_TONES[entry.outcome] ?? 'neutral'}>
          {t(`outcomes.${(AUDIT_OUTCOME_LIST as readonly string[]).includes(entry.outcome) ? entry.outcome : 'other'}`)}
        </Badge>
      ),
    },
  ];
  return (
    <DataTable
      label={t('tableLabel')}
      columns={columns}
      rows={rows}
      empty={<EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>}
    />
  );
}

function ChainResult({ result }: { result: ChainCheck }) {
  const t = useTranslations('audit.verify');
  const format = useFormat();
  if (result.valid) {
    return (
      <Alert tone="success" live="polite" title={t('validTitle')}>
        {t('validBody', { count: result.checked, checked: format.number(result.checked) })}
      </Alert>
    );
  }
  const first = result.broken[0];
  return (
    <Alert tone="error" title={t('brokenTitle')}>
      <p>
        {t('brokenBody', {
          count: result.broken.length,
          checked: format.number(result.checked),
          seq: format.number(first?.seq ?? 0),
        })}
      </p>
      <ul className="mt-2 list-disc pl-5">
        {result.broken.slice(0, 10).map((row) => (
          <li key={row.id}>
            {t('brokenRow', {
              seq: format.number(row.seq),
              reason: t(
                `reasons.${['content_changed', 'link_broken', 'gap_before'].includes(row.reason) ? row.reason : 'other'}`,
              ),
            })}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

function ChainCheckPanel() {
  const t = useTranslations('audit.verify');
  const verify = useVerifyChain();
  return (
    <section aria-labelledby="audit-verify-title" className="mb-4 flex flex-col gap-3">
      <h2 id="audit-verify-title" className="sr-only">
        {t('title')}
      </h2>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onPress={() => verify.mutate()} isPending={verify.isPending}>
          {verify.isPending ? t('running') : t('run')}
        </Button>
        <span className="text-ink-muted text-sm">{t('hint')}</span>
      </div>
      {verify.isError && (
        <Alert tone="error" title={t('failedTitle')}>
          {t('failedBody')}
        </Alert>
      )}
      {verify.data && <ChainResult result={verify.data} />}
    </section>
  );
}

export function AuditScreen() {
  const t = useTranslations('audit');
  const { me } = useSession();
  const timeZone = useFormat().timeZone ?? 'America/Los_Angeles';
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = readFilters(new URLSearchParams(params.toString()), timeZone);
  const apiFilters = toApiFilters(filters, timeZone);
  const query = useAuditLog({ ...apiFilters, page: filters.page, limit: PAGE_SIZE });
  const isAdmin = me.role === 'ADMIN';
  const locale = useLocale();

  const update = (changes: Partial<AuditFilters>) => {
    // A new filter starts again at the first page.
    const next = toAddress({ ...filters, page: 1, ...changes });
    router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
  };

  const entityOptions: Option[] = [
    { id: ANY, label: t('filters.anyRecord') },
    ...AUDIT_ENTITY_LIST.map((value) => ({ id: value, label: t(`entities.${value}`) })),
  ];
  const kindOptions: Option[] = [
    { id: ANY, label: t('filters.anyAction') },
    ...AUDIT_ACTION_KIND_LIST.map((value) => ({ id: value, label: t(`kinds.${value}`) })),
  ];
  const outcomeOptions: Option[] = [
    { id: ANY, label: t('filters.anyOutcome') },
    ...AUDIT_OUTCOME_LIST.map((value) => ({ id: value, label: t(`outcomes.${value}`) })),
  ];
  const hasFilters = toAddress({ ...filters, page: 1 }) !== '';

  return (
    <div aria-busy={query.isPending || query.isFetching}>
      <PageHeader
        title={t('title')}
        description={t(isAdmin ? 'descriptionAdmin' : 'descriptionSupervisor', {
          timeZone: zoneName(timeZone, locale),
        })}
        actions={
          isAdmin ? (
            <ButtonLink href={auditExportHref(apiFilters)} aria-label={t('export.label')}>
              {t('export.button')}
            </ButtonLink>
          ) : undefined
        }
      />
      {isAdmin && <ChainCheckPanel />}
      <search aria-label={t('filters.label')} className="mb-4">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <PersonPicker
            label={t('filters.who')}
            anyone={t('filters.anyone')}
            value={filters.actorId}
            onChange={(actorId) => update({ actorId })}
          />
          <Select
            label={t('filters.record')}
            options={entityOptions}
            selectedKey={filters.entityType || ANY}
            onSelectionChange={(key) => update({ entityType: picked(key) })}
          />
          <Select
            label={t('filters.action')}
            options={kindOptions}
            selectedKey={filters.kind || ANY}
            onSelectionChange={(key) => update({ kind: picked(key) as AuditActionKind | '' })}
          />
          <Select
            label={t('filters.outcome')}
            options={outcomeOptions}
            selectedKey={filters.outcome || ANY}
            onSelectionChange={(key) => update({ outcome: picked(key) })}
          />
          <DayRangeFields
            from={filters.from}
            to={filters.to}
            onChange={update}
            labels={{ from: t('filters.from'), to: t('filters.to'), anyDate: t('filters.anyDate') }}
          />
        </div>
        {hasFilters && (
          <Button variant="quiet" className="mt-3" onPress={() => router.replace(pathname, { scroll: false })}>
            {t('filters.clear')}
          </Button>
        )}
      </search>
      <QueryView query={query}>
        {(answer) => {
          const first = (answer.pagination.page - 1) * answer.pagination.limit + 1;
          return (
            <>
              <p className="mb-2 text-ink" aria-live="polite" data-testid="audit-count">
                {answer.data.length === 0
                  ? t('countNone')
                  : t('count', { first, last: first + answer.data.length - 1, total: answer.pagination.total })}
              </p>
              <AuditTable rows={answer.data} />
              {answer.pagination.totalPages > 1 && (
                <Pager
                  label={t('paging.label')}
                  page={answer.pagination.page}
                  totalPages={answer.pagination.totalPages}
                  onPage={(page) => update({ ...filters, page })}
                  words={{
                    previous: t('paging.previous'),
                    next: t('paging.next'),
                    pageOf: t('paging.pageOf', {
                      page: answer.pagination.page,
                      total: answer.pagination.totalPages,
                    }),
                  }}
                  className="mt-4 flex flex-wrap items-center gap-3"
                />
              )}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
