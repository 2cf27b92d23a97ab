'use client';

import { Button } from '@caretracker/ui/components';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef } from 'react';
import type SignaturePadType from 'signature_pad';

/** The API keeps a signature up to this many characters of data URL. */
const MAX_DATA_URL = 270_000;

/**
 * The client signs on the screen with a finger (signature_pad, loaded only when the check-out is
 * on screen). Each finished stroke saves the drawing to the visit's draft, so a reload keeps it.
 */
export function SignatureField({
  clientName,
  value,
  onChange,
}: {
  clientName: string;
  value: string | undefined;
  onChange: (dataUrl: string | undefined) => void;
}) {
  const t = useTranslations('checkOut');
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePadType | null>(null);
  const hintId = useId();
  // The first value only: later ones come from the pad itself.
  const initial = useRef(value);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    let disposed = false;
    let pad: SignaturePadType | null = null;
    const canvas = canvasRef.current;
    if (!canvas) return;
    const size = () => {
      // Sharp on a phone's dense screen, but no more than twice: the picture stays small.
      const ratio = Math.min(window.devicePixelRatio || 1, 2);
      const saved = pad && !pad.isEmpty() ? pad.toData() : null;
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad?.clear();
      if (saved && pad) pad.fromData(saved);
    };
    void import('signature_pad').then(({ default: SignaturePad }) => {
      if (disposed) return;
      pad = new SignaturePad(canvas, { penColor: '#111827', backgroundColor: 'rgb(255,255,255)' });
      padRef.current = pad;
      size();
      if (initial.current)
        void pad.fromDataURL(initial.current, { ratio: 1, width: canvas.offsetWidth, height: canvas.offsetHeight });
      pad.addEventListener('endStroke', () => {
        if (!pad || pad.isEmpty()) return;
        const png = pad.toDataURL('image/png');
        onChangeRef.current(png.length <= MAX_DATA_URL ? png : pad.toDataURL('image/svg+xml'));
      });
    });
    window.addEventListener('resize', size);
    return () => {
      disposed = true;
      window.removeEventListener('resize', size);
      pad?.off();
    };
  }, []);

  const clear = () => {
    padRef.current?.clear();
    onChange(undefined);
  };

  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="font-semibold text-ink">{t('signatureLabel', { name: clientName })}</legend>
      <p id={hintId} className="text-ink-muted">
        {t('signatureHint')}
      </p>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={value ? t('signatureDrawn', { name: clientName }) : t('signatureEmpty')}
        aria-describedby={hintId}
        data-testid="signature-pad"
        className="h-40 w-full touch-none rounded-card border-2 border-border bg-white"
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-ink" aria-live="polite">
          {value ? t('signatureSaved') : t('signatureNone')}
        </span>
        <Button variant="secondary" onPress={clear} isDisabled={!value}>
          {t('signatureClear')}
        </Button>
      </div>
    </fieldset>
  );
}
