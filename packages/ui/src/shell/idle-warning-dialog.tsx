'use client';

import { useEffect, useId, useRef } from 'react';
import { Button } from './button';

export interface IdleWarningDialogProps {
  secondsLeft: number;
  warningSeconds: number;
  onStay: () => void;
}

function formatLeft(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Modal warning before an idle sign-out. A native <dialog> opened with showModal(): the page
 * behind is inert, focus lands on "Stay signed in", and Escape also means "stay".
 */
export function IdleWarningDialog({ secondsLeft, warningSeconds, onStay }: IdleWarningDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const messageId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={(event) => {
        event.preventDefault();
        onStay();
      }}
      className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-card border border-border-subtle bg-surface p-6 text-ink shadow-lg backdrop:bg-ink/60"
    >
      <h2 id={titleId} className="mb-3 font-bold text-ink text-xl">
        Are you still there?
      </h2>
      {/* Stated once and announced with the dialog; the countdown below updates silently. */}
      <p id={messageId} className="mb-2 text-ink">
        You will be signed out in {warningSeconds} seconds for your privacy.
      </p>
      <p role="timer" className="mb-4 text-ink-muted">
        Time left: <span className="font-mono font-semibold">{formatLeft(secondsLeft)}</span>
      </p>
      <Button onClick={onStay} className="w-full">
        Stay signed in
      </Button>
    </dialog>
  );
}
