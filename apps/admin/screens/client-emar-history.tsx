'use client';

import type { MedicationHistoryEntry } from '@caretracker/shared';
import { Badge, type BadgeTone, Card, DataTable, Link, type TableColumn } from '@caretracker/ui/components';
import { QueryView, useApi } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { fullName } from '@/lib/vocabulary';
import { Pager } from './pager';

interface HistoryPage {
  data: MedicationHistoryEntry[];
  pagination: { page: number; limit: number; total: number; totalPages: number };
}

const TONE: Record<MedicationHistoryEntry['outcome'], BadgeTone> = {
  GIVEN: 'success',
  PARTIAL: 'warning',
  REFUSED: 'danger',
  NOT_GIVEN: 'danger',
};

function useMedicationHistory(clientId: string, page: number) {
  const api = useApi();
  return useQuery<HistoryPage>({
    queryKey: ['users', 'detail', clientId, 'medication-history', page],
    queryFn: ({ signal }) =>
      api.get<HistoryPage>(`/users/${clientId}/medication-history`, { page, limit: 20 }, { signal, envelope: true }),
    placeholderData: keepPreviousData,
  });
}

/** Every dose recorded for the client across visits, newest first, paged on the server. */
export function ClientEmarHistory({ clientId }: { clientId: string }) {
  const t = useTranslations('client.emar');
  const format = useFormat();
  const [page, setPage] = useState(1);
  const query = useMedicationHistory(clientId, page);
  const columns: TableColumn<MedicationHistoryEntry>[] = [
    {
      id: 'when',
      label: t('when'),
      isRowHeader: true,
      render: (entry) => (
        <Link href={`/visits/${entry.visit.id}`} className="inline-flex min-h-11 items-center">
          {format.dateTime(entry.recordedAt)}
        </Link>
      ),
    },
    {
      id: 'medicine',
      label: t('medicine'),
      render: (entry) =>
        `${entry.medication.name} ${entry.medication.dose}${entry.medication.prn ? ` (${t('asNeeded')})` : ''}`,
    },
    {
      id: 'outcome',
      label: t('outcome'),
      render: (entry) => <Badge tone={TONE[entry.outcome]}>{t(`outcomes.${entry.outcome}`)}</Badge>,
    },
    {
      id: 'why',
      label: t('why'),
      render: (entry) =>
        [entry.reason, entry.prnReason ? t('prnReason', { reason: entry.prnReason }) : null, entry.note]
          .filter(Boolean)
          .join(' · ') || '—',
    },
    {
      id: 'who',
      label: t('who'),
      render: (entry) => (entry.recorder ? fullName(entry.recorder) : t('someone')),
    },
  ];
  return (
    <Card title={t('title')} description={t('description')}>
      <QueryView query={query}>
        {(answer) =>
          answer.data.length === 0 ? (
            <p className="text-ink-muted">{t('none')}</p>
          ) : (
            <>
              <div className="overflow-x-auto">
                <DataTable label={t('title')} columns={columns} rows={answer.data} className="min-w-[44rem]" />
              </div>
              {answer.pagination.totalPages > 1 && (
                <Pager
                  label={t('pages')}
                  page={page}
                  totalPages={answer.pagination.totalPages}
                  onPage={setPage}
                  words={{
                    previous: t('previous'),
                    next: t('next'),
                    pageOf: t('pageOf', { page, pages: answer.pagination.totalPages }),
                  }}
                />
              )}
            </>
          )
        }
      </QueryView>
    </Card>
  );
}
