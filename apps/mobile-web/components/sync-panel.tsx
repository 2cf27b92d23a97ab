'use client';

import { VISIT_STATUSES, type VisitStatus } from '@caretracker/shared/visit-state';
import { Alert, Button } from '@caretracker/ui/components';
import { useFormat } from '@caretracker/ui/i18n';
import { type OutboxItem, useOutbox } from '@caretracker/ui/offline';
import { useTranslations } from 'next-intl';

type Reason = 'gone' | 'forbidden' | 'changed' | 'invalid' | 'other';

/** Why the office's records refused a change, as the API's answer says it (its own words are English and technical). */
function refusal(problem: NonNullable<OutboxItem['conflict']>): Reason | { status: VisitStatus } {
  if (problem.status === 404) return 'gone';
  if (problem.status === 403) return 'forbidden';
  if (problem.status === 409) {
    const status = (problem.details as { status?: unknown } | undefined)?.status;
    return VISIT_STATUSES.includes(status as VisitStatus) ? { status: status as VisitStatus } : 'changed';
  }
  if (problem.status === 400 || problem.status === 422) return 'invalid';
  return 'other';
}

/**
 * What is waiting on this device to be sent, and any change the office's records refused (a
 * visit cancelled or reassigned meanwhile): named, with what the worker can do about it. Nothing
 * is dropped without the worker choosing to.
 */
export function SyncPanel({ visitId }: { visitId?: string }) {
  const t = useTranslations('sync');
  const tStatus = useTranslations('visitStatus');
  const format = useFormat();
  const reasonOf = (problem: NonNullable<OutboxItem['conflict']>) => {
    const reason = refusal(problem);
    return typeof reason === 'string'
      ? t(`reason.${reason}`)
      : t('reason.nowStatus', { status: tStatus(reason.status) });
  };
  const outbox = useOutbox();
  const mine = (items: typeof outbox.pending) =>
    visitId ? items.filter((item) => item.meta?.visitId === visitId) : items;
  const pending = mine(outbox.pending);
  const conflicts = mine(outbox.conflicts);
  if (pending.length === 0 && conflicts.length === 0) return null;
  return (
    <div className="mb-4 flex flex-col gap-3">
      {pending.length > 0 && (
        <Alert tone="info" live="polite" title={t('waitingTitle', { count: pending.length })}>
          <ul className="list-disc pl-5">
            {pending.map((item) => (
              <li key={item.id}>
                {t(`kind.${item.kind}` as 'kind.checkin')}
                {typeof item.meta?.clientName === 'string' ? ` · ${item.meta.clientName}` : ''} ·{' '}
                {t('madeAt', { time: format.time(item.capturedAt) })}
              </li>
            ))}
          </ul>
          <p className="mt-1">{t('waitingBody')}</p>
        </Alert>
      )}
      {conflicts.map((item) => (
        <Alert
          key={item.id}
          tone="warning"
          title={t('conflictTitle', { what: t(`kind.${item.kind}` as 'kind.checkin') })}
          actions={
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" onPress={() => void outbox.retry(item.id)}>
                {t('retry')}
              </Button>
              <Button variant="quiet" onPress={() => void outbox.discard(item.id)}>
                {t('discard')}
              </Button>
            </div>
          }
        >
          {item.conflict && <p>{reasonOf(item.conflict)}</p>}
          <p className="mt-1">{t('conflictBody')}</p>
        </Alert>
      ))}
    </div>
  );
}
