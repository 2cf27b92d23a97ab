'use client';

import type { EmergencyView } from '@caretracker/shared';
import { Alert, AlertDialog, Button } from '@caretracker/ui/components';
import { keys, useApi } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { useOutbox } from '@caretracker/ui/offline';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { emergencyKey } from '@/lib/drafts';
import { useEmergency } from '@/lib/worker-data';

/**
 * One tap and a confirmation: the client's supervisor and the admins are alerted at once. The
 * screen then shows that the alert was received and, live, when a supervisor acknowledged it.
 * Without signal the alert waits in the outbox and the worker is told to phone.
 */
export function EmergencyButton({ visitId, clientName }: { visitId: string; clientName: string }) {
  const t = useTranslations('emergency');
  const format = useFormat();
  const api = useApi();
  const outbox = useOutbox();
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const [queued, setQueued] = useState(false);
  const [alertId, setAlertId] = useState<string | null>(null);
  useEffect(() => setAlertId(window.localStorage.getItem(emergencyKey(visitId))), [visitId]);
  const alert = useEmergency(alertId);

  const raise = async () => {
    setSending(true);
    try {
      const created = await api.request<EmergencyView>('POST', '/emergencies', { visitId });
      window.localStorage.setItem(emergencyKey(visitId), created.id);
      setAlertId(created.id);
    } catch {
      // No signal (or the service is down): the outbox sends it as soon as it can.
      await outbox.enqueue({
        method: 'POST',
        path: '/emergencies',
        body: { visitId },
        kind: 'emergency',
        meta: { visitId, clientName },
        invalidates: [keys.emergencies.all],
      });
      setQueued(true);
    } finally {
      setSending(false);
      setOpen(false);
    }
  };

  const data = alert.data;
  return (
    <div className="mb-4 flex flex-col gap-3">
      <Button variant="danger" className="w-full py-3 text-lg" onPress={() => setOpen(true)}>
        {t('button')}
      </Button>
      {queued && !data && (
        <Alert tone="warning" title={t('queuedTitle')}>
          {t('queuedBody')}
        </Alert>
      )}
      {data && (
        <Alert
          tone={data.acknowledgedAt ? 'success' : 'warning'}
          live="polite"
          title={
            data.acknowledgedAt
              ? t('acknowledged', { time: format.time(data.acknowledgedAt) })
              : t('received', { time: format.time(data.createdAt) })
          }
        >
          {data.acknowledgedAt ? t('acknowledgedBody') : t('waitingBody')}
        </Alert>
      )}
      <AlertDialog
        title={t('confirmTitle')}
        isOpen={open}
        onOpenChange={setOpen}
        confirmLabel={t('confirm')}
        cancelLabel={t('cancel')}
        tone="danger"
        onConfirm={() => void raise()}
        isPending={sending}
      >
        {t('confirmBody', { name: clientName })}
      </AlertDialog>
    </div>
  );
}
