'use client';

import { Alert, Button, Card } from '@caretracker/ui/components';
import { keys, useApi, useErrorMessage } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type ChangeEvent, useEffect, useId, useState } from 'react';
import { compressPhoto, loadCompression, uploadVisitPhoto } from '@/lib/photo-upload';
import { useVisitPhotos } from '@/lib/worker-data';

type Problem = { kind: 'offline' } | { kind: 'failed'; message: string };

/**
 * Photos of the visit (a wound, a hazard, a broken rail): the phone's camera, compressed on the
 * device, uploaded and linked to the visit. A photo needs a connection: it is too big for the
 * outbox, so without one it stays on screen to send once there is signal.
 */
export function Photos({ visitId }: { visitId: string }) {
  const t = useTranslations('photos');
  const format = useFormat();
  const api = useApi();
  const describe = useErrorMessage();
  const queryClient = useQueryClient();
  const photos = useVisitPhotos(visitId, true);
  const inputId = useId();
  const [waiting, setWaiting] = useState<{ file: File; compressed: boolean } | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState<'compressing' | 'uploading' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);
  // The compressor is fetched while there is signal, so a photo can be made smaller without one.
  useEffect(() => void loadCompression().catch(() => undefined), []);

  const send = async (photo: File) => {
    if (!navigator.onLine) {
      setProblem({ kind: 'offline' });
      return;
    }
    setBusy('uploading');
    setProblem(null);
    try {
      await uploadVisitPhoto(api, visitId, photo);
      setWaiting(null);
      await queryClient.invalidateQueries({ queryKey: keys.files.all });
    } catch (error) {
      const offline = !navigator.onLine || (error as { status?: number }).status === 0;
      setProblem(offline ? { kind: 'offline' } : { kind: 'failed', message: describe(error) });
    } finally {
      setBusy(null);
    }
  };

  /** Makes the photo smaller (once), shows it, and sends it. */
  const prepare = async (file: File, compressed: boolean) => {
    setBusy('compressing');
    setProblem(null);
    let photo = file;
    try {
      if (!compressed) photo = await compressPhoto(file);
    } catch {
      setBusy(null);
      // Offline before the compressor was fetched: kept as taken, made smaller once there is signal.
      if (!navigator.onLine) {
        setWaiting({ file, compressed: false });
        setProblem({ kind: 'offline' });
      } else setProblem({ kind: 'failed', message: t('notAnImage') });
      return;
    }
    setWaiting({ file: photo, compressed: true });
    if (!compressed) setPreview(URL.createObjectURL(photo));
    await send(photo);
  };

  const taken = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void prepare(file, false);
  };

  const count = photos.data?.length ?? 0;
  const latest = photos.data
    ?.map((file) => file.createdAt)
    .sort()
    .at(-1);
  return (
    <Card title={t('title')} description={t('hint')}>
      <div className="flex flex-col gap-3" aria-busy={busy !== null}>
        <label
          htmlFor={inputId}
          className="inline-flex min-h-11 cursor-pointer items-center justify-center gap-2 self-start rounded-control border-2 border-brand bg-surface px-4 py-2 font-semibold text-brand focus-within:outline-4 focus-within:outline-focus focus-within:outline-offset-2 hover:bg-brand-soft"
        >
          {busy === 'compressing' ? t('compressing') : busy === 'uploading' ? t('uploading') : t('take')}
          <input
            id={inputId}
            type="file"
            accept="image/*"
            capture="environment"
            className="sr-only"
            disabled={busy !== null}
            onChange={taken}
          />
        </label>
        {preview && waiting && (
          // biome-ignore lint/performance/noImgElement: a local object URL; next/image cannot optimise it
          <img
            src={preview}
            alt={t('previewAlt')}
            className="max-h-48 w-auto self-start rounded-card border border-border"
          />
        )}
        {problem?.kind === 'offline' && waiting && (
          <Alert
            tone="warning"
            live="polite"
            title={t('needsConnectionTitle')}
            actions={
              <Button
                variant="secondary"
                onPress={() => void prepare(waiting.file, waiting.compressed)}
                isPending={busy === 'uploading'}
              >
                {t('retry')}
              </Button>
            }
          >
            {t('needsConnectionBody')}
          </Alert>
        )}
        {problem?.kind === 'failed' && (
          <Alert tone="error" live="polite" title={t('failedTitle')}>
            {problem.message}
          </Alert>
        )}
        <p className="text-ink" aria-live="polite">
          {photos.data
            ? count === 0 || !latest
              ? t('none')
              : t('saved', { count, time: format.time(latest) })
            : photos.isError
              ? t('listFailed')
              : t('loading')}
        </p>
      </div>
    </Card>
  );
}
