'use client';

import { Alert, Button } from '@caretracker/ui/components';
import { useFormat } from '@caretracker/ui/i18n';
import { useOutbox } from '@caretracker/ui/offline';
import { useTranslations } from 'next-intl';

/**
 * What is waiting on this device to be sent, and any change the office's records refused (a
 * visit cancelled or reassigned meanwhile): named, with what the worker can do about it. Nothing
 * is dropped without the worker choosing to.
 */
export function SyncPanel({ visitId }: { visitId?: string }) {
  const t = useTranslations('sync');
  const format = useFormat();
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
          <p>{item.conflict?.message}</p>
          <p className="mt-1">{t('conflictBody')}</p>
        </Alert>
      ))}
    </div>
  );
}
