'use client';

import type { VisitView } from '@caretracker/shared';
import { zonedDateTimeToUtc } from '@caretracker/shared/time-zone';
import { Alert, Button, ButtonLink, Card, fieldStyles } from '@caretracker/ui/components';
import { keys, useApi, useErrorMessage } from '@caretracker/ui/data';
import { PageHeader, useSession } from '@caretracker/ui/shell';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type FormEvent, useId, useState } from 'react';
import { dayIn } from '@/lib/dates';
import { useWords } from '@/lib/use-words';
import { SLOTS, type Slot } from '@/lib/visit-slots';

const LENGTHS = [60, 120] as const;

/**
 * `/visits/request`: a preferred day, time of day and length, and a note; the API books it
 * unassigned and tells the supervisor, who then chooses a care worker.
 */
export function RequestVisitScreen() {
  const t = useTranslations('portal.request');
  const words = useWords();
  const api = useApi();
  const describe = useErrorMessage();
  const queryClient = useQueryClient();
  const { me } = useSession();
  const ids = useId();
  const zone = words.format.timeZone ?? 'America/Los_Angeles';
  const tomorrow = dayIn(new Date(Date.now() + 86_400_000), zone);
  const [date, setDate] = useState('');
  const [slot, setSlot] = useState<Slot>('morning');
  const [minutes, setMinutes] = useState<(typeof LENGTHS)[number]>(60);
  const [note, setNote] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  const request = useMutation({
    mutationFn: (body: object) => api.request<VisitView>('POST', '/visits', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.visits.all }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < tomorrow) {
      setDateError(t('dateError'));
      document.getElementById(`${ids}-date`)?.focus();
      return;
    }
    setDateError(null);
    const start = zonedDateTimeToUtc(date, SLOTS[slot], zone);
    request.mutate({
      clientId: me.actsFor?.id ?? me.id,
      scheduledStart: start.toISOString(),
      scheduledEnd: new Date(start.getTime() + minutes * 60_000).toISOString(),
      ...(note.trim() ? { notes: note.trim() } : {}),
    });
  }

  if (request.isSuccess) {
    return (
      <div>
        <PageHeader title={t('title')} breadcrumbs={[{ href: '/visits', label: t('back') }]} />
        <Alert tone="success" live="polite" title={t('sentTitle')}>
          {t('sent', { when: words.when(request.data.scheduledStart) })}
        </Alert>
        <ButtonLink href="/visits" className="mt-6">
          {t('back')}
        </ButtonLink>
      </div>
    );
  }

  const radio = 'flex min-h-12 cursor-pointer items-center gap-3 rounded-lg border border-border px-4 text-lg';
  return (
    <div>
      <PageHeader title={t('title')} description={t('intro')} breadcrumbs={[{ href: '/visits', label: t('back') }]} />
      <Card>
        <form noValidate onSubmit={submit} className="flex max-w-xl flex-col gap-6">
          {request.isError && <Alert tone="error">{describe(request.error)}</Alert>}
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
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 font-semibold text-ink text-lg">{t('time')}</legend>
            {(Object.keys(SLOTS) as Slot[]).map((key) => (
              <label key={key} className={radio}>
                <input
                  type="radio"
                  name="slot"
                  value={key}
                  checked={slot === key}
                  onChange={() => setSlot(key)}
                  className="size-5"
                />
                {t(`slots.${key}`, { time: words.clock(SLOTS[key]) })}
              </label>
            ))}
          </fieldset>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 font-semibold text-ink text-lg">{t('length')}</legend>
            {LENGTHS.map((length) => (
              <label key={length} className={radio}>
                <input
                  type="radio"
                  name="length"
                  value={length}
                  checked={minutes === length}
                  onChange={() => setMinutes(length)}
                  className="size-5"
                />
                {t('hours', { count: length / 60 })}
              </label>
            ))}
          </fieldset>
          <div className={fieldStyles.root}>
            <label htmlFor={`${ids}-note`} className={`${fieldStyles.label} text-lg`}>
              {t('note')}
            </label>
            <p id={`${ids}-note-hint`} className={fieldStyles.hint}>
              {t('noteHint')}
            </p>
            <textarea
              id={`${ids}-note`}
              rows={3}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-describedby={`${ids}-note-hint`}
              className={`${fieldStyles.control} py-2 text-lg`}
            />
          </div>
          <p className="text-ink-muted">{t('whatNext')}</p>
          <Button type="submit" isPending={request.isPending} className="self-start text-lg">
            {t('send')}
          </Button>
        </form>
      </Card>
    </div>
  );
}
