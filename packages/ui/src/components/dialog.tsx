'use client';

import type { ReactNode } from 'react';
import { Dialog as AriaDialog, DialogTrigger } from 'react-aria-components/Dialog';
import { Heading } from 'react-aria-components/Heading';
import { Modal, ModalOverlay } from 'react-aria-components/Modal';
import { Button } from './button';
import { cx } from './class-names';

export { DialogTrigger };

export interface DialogProps {
  title: string;
  children: ReactNode;
  /** Controlled: open or closed. Leave out inside a <DialogTrigger>. */
  isOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Escape and a click outside close it (default true; an alert dialog is never dismissed by accident). */
  isDismissable?: boolean;
  /** role=alertdialog: an interruption that needs an answer (confirmations, warnings). */
  role?: 'dialog' | 'alertdialog';
  className?: string;
}

/**
 * A modal dialog (react-aria-components Modal + Dialog): focus moves in and is trapped, the page
 * behind is hidden from screen readers and cannot scroll, Escape closes, and focus returns after.
 */
export function Dialog({
  title,
  children,
  isOpen,
  onOpenChange,
  isDismissable = true,
  role = 'dialog',
  className,
}: DialogProps) {
  return (
    <ModalOverlay
      isOpen={isOpen}
      onOpenChange={onOpenChange}
      isDismissable={isDismissable && role === 'dialog'}
      isKeyboardDismissDisabled={!isDismissable}
      className="fixed inset-0 z-50 flex items-center justify-center overflow-y-auto bg-ink/60 p-4"
    >
      <Modal
        className={cx(
          'max-h-full w-[min(32rem,100%)] overflow-y-auto rounded-card border border-border-subtle bg-surface p-6 text-ink shadow-lg',
          className,
        )}
      >
        <AriaDialog role={role} className="outline-none">
          <Heading slot="title" className="mb-3 font-bold text-ink text-xl">
            {title}
          </Heading>
          {children}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}

export interface AlertDialogProps {
  title: string;
  children: ReactNode;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  /** A destructive action gets the danger button. */
  tone?: 'default' | 'danger';
  isPending?: boolean;
}

/** "Are you sure?": the cancel button takes focus first, so Enter never confirms by accident. */
export function AlertDialog({
  title,
  children,
  isOpen,
  onOpenChange,
  confirmLabel,
  cancelLabel,
  onConfirm,
  tone = 'default',
  isPending,
}: AlertDialogProps) {
  return (
    <Dialog title={title} isOpen={isOpen} onOpenChange={onOpenChange} role="alertdialog" isDismissable={false}>
      <div className="mb-6 text-ink">{children}</div>
      <div className="flex flex-wrap justify-end gap-3">
        <Button variant="secondary" onPress={() => onOpenChange(false)} autoFocus>
          {cancelLabel}
        </Button>
        <Button variant={tone === 'danger' ? 'danger' : 'primary'} onPress={onConfirm} isPending={isPending}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
