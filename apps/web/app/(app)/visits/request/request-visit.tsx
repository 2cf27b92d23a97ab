'use client';

import type { VisitView } from '@caretracker/shared';
import { Alert, Button, ButtonLink, Card, fieldStyles } from '@caretracker/ui/components';
import { keys, useApi, useErrorMessage } from '@caretracker/ui/data';
import { PageHeader, useSession } from '@caretracker/ui/shell';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type FormEvent, useId, useState } from 'react';
import { ChoiceGroup, SlotFields, useSlotChoice } from '@/lib/slot-fields';
import { useWords } from '@/lib/use-words';

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
  const choice = useSlotChoice();
  const ids = useId();
  const [minutes, setMinutes] = useState<(typeof LENGTHS)[number]>(60);
  const [note, setNote] = useState('');
  const request = useMutation({
    mutationFn: (body: object) => api.request<VisitView>('POST', '/visits', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.visits.all }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const start = choice.start();
    if (!start) {
      document.getElementById(choice.dateId)?.focus();
      return;
    }
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

  return (
    <div>
      <PageHeader title={t('title')} description={t('intro')} breadcrumbs={[{ href: '/visits', label: t('back') }]} />
      <Card>
        <form noValidate onSubmit={submit} className="flex max-w-xl flex-col gap-6">
          {request.isError && <Alert tone="error">{describe(request.error)}</Alert>}
          <SlotFields choice={choice} dateLabel={t('date')} />
          <ChoiceGroup
            legend={t('length')}
            name={`${ids}-length`}
            value={String(minutes)}
            onChange={(value) => setMinutes(Number(value) as (typeof LENGTHS)[number])}
            options={LENGTHS.map((length) => ({ value: String(length), label: t('hours', { count: length / 60 }) }))}
          />
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
