'use client';

import { zonedDateTimeToUtc } from '@caretracker/shared/time-zone';
import { Alert, Button, Dialog, fieldStyles, Radio, RadioGroup, TextField } from '@caretracker/ui/components';
import { useErrorMessage } from '@caretracker/ui/data';
import { useTranslations } from 'next-intl';
import { type FormEvent, useId, useState } from 'react';
import { dayIn } from '@/lib/dates';
import { useRequestChange } from '@/lib/portal-data';
import { useWords } from '@/lib/use-words';
import { SLOTS, type Slot } from '@/lib/visit-slots';

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
  const tRequest = useTranslations('portal.request');
  const words = useWords();
  const describe = useErrorMessage();
  const ask = useRequestChange(visitId);
  const ids = useId();
  const zone = words.format.timeZone ?? 'America/Los_Angeles';
  const tomorrow = dayIn(new Date(Date.now() + 86_400_000), zone);
  const [date, setDate] = useState('');
  const [slot, setSlot] = useState<Slot>('morning');
  const [note, setNote] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const badDate = !/^\d{4}-\d{2}-\d{2}$/.test(date) || date < tomorrow;
    setDateError(badDate ? tRequest('dateError') : null);
    setNoteError(note.trim() ? null : t('noteRequired'));
    if (badDate || !note.trim()) return;
    const start = zonedDateTimeToUtc(date, SLOTS[slot], zone);
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
        <div className={fieldStyles.root}>
          <label htmlFor={`${ids}-date`} className={`${fieldStyles.label} text-lg`}>
            {t('date')}
          </label>
          <input
            id={`${ids}-date`}
            type="date"
            min={tomorrow}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            aria-invalid={dateError ? true : undefined}
            aria-describedby={dateError ? `${ids}-date-error` : undefined}
            className={`${fieldStyles.control} text-lg`}
            required
          />
          {dateError && (
            <p id={`${ids}-date-error`} className={fieldStyles.error}>
              {dateError}
            </p>
          )}
        </div>
        <RadioGroup label={tRequest('time')} value={slot} onChange={(value) => setSlot(value as Slot)}>
          {(Object.keys(SLOTS) as Slot[]).map((key) => (
            <Radio key={key} value={key} className="min-h-11 text-lg">
              {tRequest(`slots.${key}`, { time: words.clock(SLOTS[key]) })}
            </Radio>
          ))}
        </RadioGroup>
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
