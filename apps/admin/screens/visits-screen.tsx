'use client';

import type { OfficeVisitItem } from '@caretracker/shared';
import {
  Badge,
  Button,
  DataTable,
  EmptyState,
  Link,
  type Option,
  Select,
  type SortDescriptor,
  type TableColumn,
  todayIn,
} from '@caretracker/ui/components';
import type { Query } from '@caretracker/ui/data';
import { QueryView } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { PageHeader } from '@caretracker/ui/shell';
import type { CalendarDate } from '@internationalized/date';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { dayFromAddress, dayRangeQuery } from '@/lib/day-range';
import { useOfficeVisits } from '@/lib/office-api';
import { ATTENTION_LIST, fullName, standing, VISIT_STATUS_LIST } from '@/lib/vocabulary';
import { DayRangeFields } from './day-range-fields';
import { PersonPicker } from './person-picker';

const PAGE_SIZE = 25;
const DEFAULT_DAYS = 7;

export interface VisitFilters {
  from: CalendarDate | null;
  to: CalendarDate | null;
  standing: string;
  workerId: string;
  clientId: string;
  exceptions: string;
  doses: boolean;
  unassigned: boolean;
  sort: 'start' | '-start';
}

function readFilters(params: URLSearchParams, timeZone: string): VisitFilters {
  const status = params.get('status');
  const attention = params.get('attention');
  const exceptions = params.get('exceptions') ?? '';
  const from = dayFromAddress(params.get('from'), timeZone, false);
  const to = dayFromAddress(params.get('to'), timeZone, true);
  const today = todayIn(timeZone);
  const noRange = !from && !to && exceptions !== 'open';
  return {
    from: noRange ? today : from,
    to: noRange ? today.add({ days: DEFAULT_DAYS - 1 }) : to,
    standing: attention ? `attention:${attention}` : status && !status.includes(',') ? `status:${status}` : 'all',
    workerId: params.get('workerId') ?? '',
    clientId: params.get('clientId') ?? '',
    exceptions,
    doses: params.get('doses') === 'refused',
    unassigned: params.get('unassigned') === 'true',
    sort: params.get('sort') === '-start' ? '-start' : 'start',
  };
}

function toAddress(filters: VisitFilters): string {
  const params = new URLSearchParams();
  if (filters.from) params.set('from', filters.from.toString());
  if (filters.to) params.set('to', filters.to.toString());
  const [kind, value] = filters.standing.split(':');
  if (kind === 'attention' && value) params.set('attention', value);
  if (kind === 'status' && value) params.set('status', value);
  if (filters.workerId) params.set('workerId', filters.workerId);
  if (filters.clientId) params.set('clientId', filters.clientId);
  if (filters.exceptions) params.set('exceptions', filters.exceptions);
  if (filters.doses) params.set('doses', 'refused');
  if (filters.unassigned) params.set('unassigned', 'true');
  if (filters.sort === '-start') params.set('sort', '-start');
  return params.toString();
}

function toApiQuery(filters: VisitFilters, timeZone: string): Query {
  const [kind, value] = filters.standing.split(':');
  return {
    ...dayRangeQuery(filters.from, filters.to, timeZone),
    attention: kind === 'attention' ? value : undefined,
    status: kind === 'status' ? value : undefined,
    workerId: filters.workerId || undefined,
    clientId: filters.clientId || undefined,
    exceptions: filters.exceptions || undefined,
    doses: filters.doses ? 'refused' : undefined,
    unassigned: filters.unassigned ? 'true' : undefined,
    sort: filters.sort,
    limit: PAGE_SIZE,
  };
}

function VisitTable({
  rows,
  sort,
  onSort,
}: {
  rows: OfficeVisitItem[];
  sort: SortDescriptor;
  onSort: (sort: SortDescriptor) => void;
}) {
  const t = useTranslations('visits');
  const format = useFormat();
  const columns: TableColumn<OfficeVisitItem>[] = [
    {
      id: 'start',
      label: t('columns.when'),
      isRowHeader: true,
      sortValue: (visit) => visit.scheduledStart,
      render: (visit) => (
        <Link href={`/visits/${visit.id}`}>
          {t('when', {
            date: format.date(visit.scheduledStart),
            start: format.time(visit.scheduledStart),
            end: format.time(visit.scheduledEnd),
          })}
        </Link>
      ),
    },
    { id: 'client', label: t('columns.client'), render: (visit) => fullName(visit.client) },
    {
      id: 'worker',
      label: t('columns.worker'),
      render: (visit) => (visit.worker ? fullName(visit.worker) : <Badge tone="warning">{t('unassigned')}</Badge>),
    },
    {
      id: 'status',
      label: t('columns.status'),
      render: (visit) => {
        const { key, tone } = standing(visit);
        return <Badge tone={tone}>{t(key)}</Badge>;
      },
    },
    {
      id: 'problems',
      label: t('columns.problems'),
      render: (visit) => (
        <span className="flex flex-col gap-1">
          {visit.openExceptions > 0 && <span>{t('openExceptions', { count: visit.openExceptions })}</span>}
          {visit.refusedDoses > 0 && <span>{t('refusedDoses', { count: visit.refusedDoses })}</span>}
          {visit.openExceptions === 0 && visit.refusedDoses === 0 && (
            <span className="text-ink-muted">{t('none')}</span>
          )}
        </span>
      ),
    },
  ];
  return (
    <DataTable
      label={t('tableLabel')}
      columns={columns}
      rows={rows}
      sortDescriptor={sort}
      onSortChange={onSort}
      empty={<EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>}
    />
  );
}

export function VisitsScreen() {
  const t = useTranslations('visits');
  const timeZone = useFormat().timeZone ?? 'America/Los_Angeles';
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = readFilters(new URLSearchParams(params.toString()), timeZone);
  const address = toAddress(filters);
  // Keyset paging: the cursors of the pages before this one (the first page has none).
  const [pages, setPages] = useState<{ address: string; cursors: string[] }>({ address, cursors: [] });
  const cursors = pages.address === address ? pages.cursors : [];
  const cursor = cursors.at(-1);
  const query = useOfficeVisits({ ...toApiQuery(filters, timeZone), cursor });

  const update = (changes: Partial<VisitFilters>) => {
    const next = toAddress({ ...filters, ...changes });
    router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
  };

  const standingOptions: Option[] = [
    { id: 'all', label: t('filters.anyStatus') },
    ...ATTENTION_LIST.map((value) => ({ id: `attention:${value}`, label: t(`attention.${value}`) })),
    ...VISIT_STATUS_LIST.map((value) => ({ id: `status:${value}`, label: t(`status.${value}`) })),
  ];
  const exceptionOptions: Option[] = [
    { id: 'all', label: t('filters.exceptionsAll') },
    { id: 'open', label: t('filters.exceptionsOpen') },
    { id: 'any', label: t('filters.exceptionsAny') },
  ];
  const page = query.data?.page;
  const first = cursors.length * PAGE_SIZE + 1;

  return (
    <div aria-busy={query.isPending || query.isFetching}>
      <PageHeader title={t('title')} description={t('description')} />
      <search aria-label={t('filters.label')} className="mb-4">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <DayRangeFields
            from={filters.from}
            to={filters.to}
            onChange={update}
            labels={{ from: t('filters.from'), to: t('filters.to'), anyDate: t('filters.anyDate') }}
          />
          <Select
            label={t('filters.status')}
            options={standingOptions}
            selectedKey={filters.standing}
            onSelectionChange={(key) => update({ standing: String(key ?? 'all') })}
          />
          <PersonPicker
            kind="WORKER"
            activeOnly
            anyone={t('filters.anyone')}
            label={t('filters.worker')}
            value={filters.workerId}
            onChange={(workerId) => update({ workerId })}
          />
          <PersonPicker
            kind="CLIENT"
            activeOnly
            anyone={t('filters.anyone')}
            label={t('filters.client')}
            value={filters.clientId}
            onChange={(clientId) => update({ clientId })}
          />
          <Select
            label={t('filters.exceptions')}
            options={exceptionOptions}
            selectedKey={filters.exceptions || 'all'}
            onSelectionChange={(key) => {
              const exceptions = key === 'all' || key === null ? '' : String(key);
              // Problems waiting for a reason are shown whatever their date, as the overview counts them.
              update(exceptions === 'open' ? { exceptions, from: null, to: null } : { exceptions });
            }}
          />
        </div>
        {(filters.doses || filters.unassigned) && (
          <p className="mt-3 flex flex-wrap items-center gap-2 text-ink">
            {filters.doses && <Badge tone="warning">{t('filters.dosesOn')}</Badge>}
            {filters.unassigned && <Badge tone="warning">{t('filters.unassignedOn')}</Badge>}
            <Button variant="quiet" onPress={() => update({ doses: false, unassigned: false })}>
              {t('filters.clearExtra')}
            </Button>
          </p>
        )}
      </search>
      <QueryView query={query}>
        {(answer) => (
          <>
            <p className="mb-2 text-ink" aria-live="polite" data-testid="visit-count">
              {answer.data.length === 0
                ? t('countNone')
                : t(answer.page.count.capped ? 'countCapped' : 'count', {
                    first,
                    last: first + answer.data.length - 1,
                    total: answer.page.count.value,
                  })}
            </p>
            <VisitTable
              rows={answer.data}
              sort={{ column: 'start', direction: filters.sort === '-start' ? 'descending' : 'ascending' }}
              onSort={(next) => update({ sort: next.direction === 'descending' ? '-start' : 'start' })}
            />
          </>
        )}
      </QueryView>
      <nav aria-label={t('paging.label')} className="mt-4 flex flex-wrap gap-3">
        <Button
          variant="secondary"
          isDisabled={cursors.length === 0}
          onPress={() => setPages({ address, cursors: cursors.slice(0, -1) })}
        >
          {t('paging.previous')}
        </Button>
        <Button
          variant="secondary"
          isDisabled={!page?.hasMore || !page.nextCursor}
          onPress={() => page?.nextCursor && setPages({ address, cursors: [...cursors, page.nextCursor] })}
        >
          {t('paging.next')}
        </Button>
      </nav>
    </div>
  );
}
