'use client';

import type { VisitView } from '@caretracker/shared';
import { DEFAULT_GEOFENCE_METERS, DEFAULT_TOLERANCE_MINUTES } from '@caretracker/shared/evv';
import { distanceMeters } from '@caretracker/shared/geo';
import { Alert, Button, Dialog, TextField } from '@caretracker/ui/components';
import { keys } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { useOutbox } from '@caretracker/ui/offline';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { type Fix, type LocateError, locate } from '@/lib/location';

const HOUR = 3_600_000;

export type Warning = 'outside' | 'early' | 'late' | 'farOutside';

/** What a check-in now, here, would set off: an EVV exception (geofence, time tolerance), or a call far outside the visit. */
export function checkInWarnings(
  visit: VisitView,
  fix: Fix,
  now: number,
): { warnings: Warning[]; distanceM: number | null } {
  const distanceM =
    visit.locationLat !== null && visit.locationLng !== null
      ? Math.round(distanceMeters({ lat: fix.lat, lng: fix.lng }, { lat: visit.locationLat, lng: visit.locationLng }))
      : null;
  const start = Date.parse(visit.scheduledStart);
  const end = Date.parse(visit.scheduledEnd);
  const tolerance = DEFAULT_TOLERANCE_MINUTES * 60_000;
  const warnings: Warning[] = [];
  if (distanceM !== null && distanceM > DEFAULT_GEOFENCE_METERS) warnings.push('outside');
  if (now < start - 2 * HOUR || now > end + HOUR) warnings.push('farOutside');
  else if (now < start - tolerance) warnings.push('early');
  else if (now > start + tolerance) warnings.push('late');
  return { warnings, distanceM };
}

export function CheckInPanel({ visit, clientName }: { visit: VisitView; clientName: string }) {
  const t = useTranslations('checkIn');
  const format = useFormat();
  const outbox = useOutbox();
  const [locating, setLocating] = useState(false);
  const [error, setError] = useState<LocateError | null>(null);
  const [pending, setPending] = useState<{ fix: Fix; warnings: Warning[]; distanceM: number | null } | null>(null);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);

  const send = async (fix: Fix, why: string) => {
    setSaving(true);
    try {
      await outbox.enqueue({
        method: 'POST',
        path: `/visits/${visit.id}/checkin`,
        // The reason travels with the check-in and is kept on each EVV exception it raises.
        body: {
          lat: fix.lat,
          lng: fix.lng,
          accuracyM: fix.accuracyM,
          capturedAt: fix.capturedAt,
          ...(why.trim() ? { workerNote: why.trim().slice(0, 500) } : {}),
        },
        kind: 'checkin',
        meta: { visitId: visit.id, clientName },
        capturedAt: fix.capturedAt,
        invalidates: [keys.visits.all],
      });
      setPending(null);
    } finally {
      setSaving(false);
    }
  };

  const start = async () => {
    setError(null);
    setLocating(true);
    try {
      const fix = await locate();
      const check = checkInWarnings(visit, fix, Date.now());
      if (check.warnings.length === 0) await send(fix, '');
      else {
        setReason('');
        setPending({ fix, ...check });
      }
    } catch (problem) {
      setError(typeof problem === 'string' ? (problem as LocateError) : 'unavailable');
    } finally {
      setLocating(false);
    }
  };

  const far = pending?.warnings.includes('farOutside') ?? false;
  const exception = pending?.warnings.some((w) => w !== 'farOutside') ?? false;

  return (
    <section aria-labelledby="check-in-title" className="rounded-card border border-border-subtle bg-surface p-4">
      <h2 id="check-in-title" className="mb-2 font-bold text-ink text-xl">
        {t('title')}
      </h2>
      <p className="mb-3 text-ink">{t('why')}</p>
      {error && (
        <Alert tone="error" className="mb-3" title={t('locationFailed')}>
          {t(`error.${error}`)}
        </Alert>
      )}
      <Button className="w-full py-4 text-xl" onPress={() => void start()} isPending={locating || saving}>
        {locating ? t('locating') : error ? t('tryAgain') : t('button')}
      </Button>

      <Dialog
        title={far ? t('farTitle') : t('warnTitle')}
        role="alertdialog"
        isDismissable={false}
        isOpen={pending !== null}
        onOpenChange={(open) => !open && setPending(null)}
      >
        {pending && (
          <div className="flex flex-col gap-3">
            {pending.distanceM !== null && (
              <p className="text-ink">
                {pending.distanceM < 1000
                  ? t('distance', { meters: pending.distanceM })
                  : t('distanceKm', { km: Math.round(pending.distanceM / 100) / 10 })}
              </p>
            )}
            <ul className="list-disc pl-5 text-ink">
              {pending.warnings.map((warning) => (
                <li key={warning}>
                  {t(`warning.${warning}`, {
                    meters: DEFAULT_GEOFENCE_METERS,
                    minutes: DEFAULT_TOLERANCE_MINUTES,
                    start: format.dateTime(visit.scheduledStart),
                  })}
                </li>
              ))}
            </ul>
            {exception && <p className="text-ink">{t('exceptionNote')}</p>}
            {exception && (
              <TextField
                label={t('reasonLabel')}
                hint={t('reasonHint')}
                multiline
                rows={2}
                value={reason}
                onChange={setReason}
              />
            )}
            <div className="mt-2 flex flex-wrap justify-end gap-3">
              <Button variant="secondary" onPress={() => setPending(null)} autoFocus>
                {t('cancel')}
              </Button>
              <Button onPress={() => void send(pending.fix, reason)} isPending={saving}>
                {far ? t('confirmFar') : t('confirm')}
              </Button>
            </div>
          </div>
        )}
      </Dialog>
    </section>
  );
}
