'use client';

import { useTranslations } from 'next-intl';
import { Dialog } from 'react-aria-components/Dialog';
import { Heading } from 'react-aria-components/Heading';
import { Modal, ModalOverlay } from 'react-aria-components/Modal';
import { Button } from '../components/button';

export interface IdleWarningDialogProps {
  secondsLeft: number;
  warningSeconds: number;
  onStay: () => void;
}

function formatLeft(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Modal warning before an idle sign-out (react-aria-components Modal, role=alertdialog): the page
 * behind is inert, focus lands on "Stay signed in", and Escape also means "stay".
 */
export function IdleWarningDialog({ secondsLeft, warningSeconds, onStay }: IdleWarningDialogProps) {
  const t = useTranslations('idle');
  return (
    <ModalOverlay
      isOpen
      isDismissable={false}
      onOpenChange={(open) => {
        if (!open) onStay();
      }}
      className="fixed inset-0 z-50 flex items-center justify-center bg-ink/60 p-4"
    >
      <Modal className="w-[min(28rem,100%)] rounded-card border border-border-subtle bg-surface p-6 text-ink shadow-lg">
        <Dialog role="alertdialog" className="outline-none">
          <Heading slot="title" className="mb-3 font-bold text-ink text-xl">
            {t('title')}
          </Heading>
          {/* Stated once and announced with the dialog; the countdown below updates silently. */}
          <p className="mb-2 text-ink">{t('message', { seconds: warningSeconds })}</p>
          <p role="timer" className="mb-4 text-ink-muted">
            {t('timeLeft')} <span className="font-mono font-semibold">{formatLeft(secondsLeft)}</span>
          </p>
          <Button onPress={onStay} className="w-full" autoFocus>
            {t('stay')}
          </Button>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
