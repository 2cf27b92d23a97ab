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
export function EmergencyButton({
  visitId,
  clientName,
  canRaise,
}: {
  visitId: string;
  clientName: string;
  /** The button itself (a visit not yet started or under way); otherwise only a known alert's state shows. */
  canRaise: boolean;
}) {
  const t = useTranslations('emergency');
  const format = useFormat();
  const api = useApi();
  const outbox = useOutbox();
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const [queued, setQueued] = useState(false);
  const [alertId, setAlertId] = useState<string | null>(null);
  // The alert raised on this device, or the one a notification opened this screen for (`?alert=`).
  useEffect(() => {
    const linked = new URLSearchParams(window.location.search).get('alert');
    setAlertId(linked ?? window.localStorage.getItem(emergencyKey(visitId)));
  }, [visitId]);
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

  // Only an alert of this visit (a link naming another visit's alert shows nothing here).
  const data = alert.data?.visitId === visitId ? alert.data : undefined;
  if (!canRaise && !data) return null;
  return (
    <div className="mb-4 flex flex-col gap-3">
      {canRaise && (
        <Button variant="danger" className="w-full py-3 text-lg" onPress={() => setOpen(true)}>
          {t('button')}
        </Button>
      )}
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
