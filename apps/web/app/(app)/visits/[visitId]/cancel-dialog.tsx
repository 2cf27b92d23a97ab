'use client';

import { Alert, Button, Dialog, TextField } from '@caretracker/ui/components';
import { ApiError, useErrorMessage } from '@caretracker/ui/data';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { useCancelVisit } from '@/lib/portal-data';

/** "Cancel this visit?": a reason is required; the API's cut-off refusal (403) is told in plain words by the page. */
export function CancelDialog({
  visitId,
  isOpen,
  onOpenChange,
  onCancelled,
  onTooLate,
}: {
  visitId: string;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  onCancelled: () => void;
  onTooLate: () => void;
}) {
  const t = useTranslations('portal.visit');
  const describe = useErrorMessage();
  const cancel = useCancelVisit(visitId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = reason.trim();
    if (!text) {
      setError(t('reasonRequired'));
      return;
    }
    setError(null);
    setFormError(null);
    try {
      await cancel.mutateAsync(text);
      onOpenChange(false);
      onCancelled();
    } catch (caught) {
      // The API's cut-off: clients cancel only visits that have not started yet.
      if (caught instanceof ApiError && caught.status === 403) onTooLate();
      else setFormError(describe(caught));
    }
  }

  return (
    <Dialog title={t('cancelTitle')} isOpen={isOpen} onOpenChange={onOpenChange}>
      <form noValidate onSubmit={submit} className="flex flex-col gap-4">
        <p className="text-ink">{t('cancelBody')}</p>
        {formError && <Alert tone="error">{formError}</Alert>}
        <TextField
          label={t('reason')}
          hint={t('reasonHint')}
          multiline
          rows={3}
          maxLength={500}
          isRequired
          value={reason}
          onChange={setReason}
          error={error ?? undefined}
          autoFocus
        />
        <div className="flex flex-wrap justify-end gap-3">
          <Button variant="secondary" onPress={() => onOpenChange(false)}>
            {t('keep')}
          </Button>
          <Button type="submit" variant="danger" isPending={cancel.isPending}>
            {t('confirmCancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
