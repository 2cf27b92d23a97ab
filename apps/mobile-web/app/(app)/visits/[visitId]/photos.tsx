'use client';

import { Alert, Card } from '@caretracker/ui/components';
import { keys } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { type OutboxItem, useOutbox } from '@caretracker/ui/offline';
import { useOnline } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { type ChangeEvent, useEffect, useId, useState } from 'react';
import { compressPhoto, visitPhotoForm } from '@/lib/photo-upload';
import { useVisitPhotos } from '@/lib/worker-data';

/**
 * Photos of the visit (a wound, a hazard, a broken rail): the phone's camera, compressed on the
 * device, then put in the outbox like every other change, so a photo taken without signal waits
 * on the phone (IndexedDB) and is uploaded once, after the check-in queued before it.
 */
export function Photos({
  visitId,
  clientName,
  queued,
}: {
  visitId: string;
  clientName: string;
  /** This visit's photos in the outbox (waiting, or refused). */
  queued: OutboxItem[];
}) {
  const t = useTranslations('photos');
  const format = useFormat();
  const outbox = useOutbox();
  const photos = useVisitPhotos(visitId, true);
  const online = useOnline();
  const inputId = useId();
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  /** Makes the photo smaller, shows it, and queues it (sent at once when there is signal). */
  const keep = async (file: File) => {
    setBusy(true);
    setFailed(false);
    try {
      let photo = file;
      try {
        photo = await compressPhoto(file);
      } catch {
        // Offline before the compressor was fetched: the photo is kept as taken rather than lost.
        if (navigator.onLine) {
          setFailed(true);
          return;
        }
      }
      setPreview(URL.createObjectURL(photo));
      await outbox.enqueue({
        method: 'POST',
        path: '/files/upload',
        form: visitPhotoForm(visitId, photo),
        kind: 'photo',
        meta: { visitId, clientName },
        invalidates: [keys.files.all],
      });
    } finally {
      setBusy(false);
    }
  };

  const taken = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void keep(file);
  };

  const waiting = queued.filter((item) => item.status === 'pending');
  const sending = waiting.some((item) => item.id === outbox.sendingId);
  const count = photos.data?.length ?? 0;
  const latest = photos.data
    ?.map((file) => file.createdAt)
    .sort()
    .at(-1);
  return (
    <Card title={t('title')} description={t('hint')}>
      <div className="flex flex-col gap-3" aria-busy={busy}>
        <label
          htmlFor={inputId}
          className="inline-flex min-h-11 cursor-pointer items-center justify-center gap-2 self-start rounded-control border-2 border-brand bg-surface px-4 py-2 font-semibold text-brand focus-within:outline-4 focus-within:outline-focus focus-within:outline-offset-2 hover:bg-brand-soft"
        >
          {busy ? t('compressing') : t('take')}
          <input
            id={inputId}
            type="file"
            accept="image/*"
            capture="environment"
            className="sr-only"
            disabled={busy}
            onChange={taken}
          />
        </label>
        {preview && (
          // biome-ignore lint/performance/noImgElement: a local object URL; next/image cannot optimise it
          <img
            src={preview}
            alt={t('previewAlt')}
            className="max-h-48 w-auto self-start rounded-card border border-border"
          />
        )}
        {failed && (
          <Alert tone="error" live="polite" title={t('failedTitle')}>
            {t('notAnImage')}
          </Alert>
        )}
        <div aria-live="polite" className="flex flex-col gap-1 text-ink">
          {waiting.length > 0 && <p>{sending ? t('uploading') : t('waiting', { count: waiting.length })}</p>}
          <p>
            {photos.data
              ? count === 0 || !latest
                ? t('none')
                : t('saved', { count, time: format.time(latest) })
              : photos.isError
                ? t('listFailed')
                : // Without signal the list cannot load: the photos waiting above are what matters.
                  online
                  ? t('loading')
                  : null}
          </p>
        </div>
      </div>
    </Card>
  );
}
