'use client';

import { Alert, Button, Dialog, TextField } from '@caretracker/ui/components';
import { useErrorMessage } from '@caretracker/ui/data';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { useRequestChange } from '@/lib/portal-data';
import { SlotFields, useSlotChoice } from '@/lib/slot-fields';

/**
 * "Ask for a different time": a day, a time of day and a note. The visit stays as it is; the
 * supervisor is told and calls back or moves it.
 */
export function ChangeDialog({
  visitId,
  minutes,
  isOpen,
  onOpenChange,
  onSent,
}: {
  visitId: string;
  /** The visit's length, kept for the new time. */
  minutes: number;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  onSent: (preferredStart: string) => void;
}) {
  const t = useTranslations('portal.change');
  const describe = useErrorMessage();
  const ask = useRequestChange(visitId);
  const choice = useSlotChoice();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const start = choice.start();
    setNoteError(note.trim() ? null : t('noteRequired'));
    if (!start || !note.trim()) return;
    try {
      const sent = await ask.mutateAsync({
        preferredStart: start.toISOString(),
        preferredEnd: new Date(start.getTime() + minutes * 60_000).toISOString(),
        note: note.trim(),
      });
      onOpenChange(false);
      onSent(sent.preferredStart);
    } catch {
      // Shown below from the mutation's error.
    }
  }

  return (
    <Dialog title={t('title')} isOpen={isOpen} onOpenChange={onOpenChange}>
      <form noValidate onSubmit={submit} className="flex flex-col gap-5">
        <p className="text-ink">{t('body')}</p>
        {ask.isError && <Alert tone="error">{describe(ask.error)}</Alert>}
        <SlotFields choice={choice} dateLabel={t('date')} />
        <TextField
          label={t('note')}
          hint={t('noteHint')}
          multiline
          rows={3}
          maxLength={1000}
          isRequired
          value={note}
          onChange={setNote}
          error={noteError ?? undefined}
        />
        <div className="flex flex-wrap justify-end gap-3">
          <Button variant="secondary" onPress={() => onOpenChange(false)}>
            {t('close')}
          </Button>
          <Button type="submit" isPending={ask.isPending}>
            {t('send')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
