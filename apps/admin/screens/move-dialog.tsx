'use client';

import type { OfficeVisitItem } from '@caretracker/shared';
import {
  Alert,
  Button,
  DatePicker,
  Dialog,
  dateInZone,
  type Option,
  Radio,
  RadioGroup,
  Select,
  TextField,
  TimeField,
  toast,
  zonedFromIso,
} from '@caretracker/ui/components';
import { useFormat } from '@caretracker/ui/i18n';
import { type CalendarDate, type Time, toCalendarDateTime, toTime, toZoned } from '@internationalized/date';
import { useTranslations } from 'next-intl';
import { type ReactNode, useState } from 'react';
import { useVisitAction } from '@/lib/office-api';
import { fullName } from '@/lib/vocabulary';
import { useClashMessage } from './clash-message';

export interface BoardWorker {
  id: string;
  firstName: string;
  lastName: string;
}

type Mode = 'move' | 'cancel' | 'noShow';

/**
 * What the office can do to a visit on the board without dragging: move it (another day, time or
 * worker), cancel it, or record that it did not happen, each with a reason where one is owed.
 * A clash is shown as the API tells it; nothing is retried behind the user's back.
 */
export function VisitActionDialog({
  visit,
  workers,
  initialMode = 'move',
  initialWorkerId,
  initialStart,
  onClose,
}: {
  visit: OfficeVisitItem;
  workers: readonly BoardWorker[];
  initialMode?: Mode;
  /** A drop on another lane or day suggests the move; the dialog still asks before saving. */
  initialWorkerId?: string | null;
  initialStart?: string;
  onClose: () => void;
}) {
  const t = useTranslations('schedule.move');
  const format = useFormat();
  const timeZone = format.timeZone ?? 'America/Los_Angeles';
  const actions = useVisitAction();
  const clashMessage = useClashMessage();
  const [mode, setMode] = useState<Mode>(initialMode);
  const startIso = initialStart ?? visit.scheduledStart;
  const [date, setDate] = useState<CalendarDate | null>(dateInZone(startIso, timeZone));
  const [time, setTime] = useState<Time | null>(toTime(zonedFromIso(startIso, timeZone)));
  const [workerId, setWorkerId] = useState<string>(
    (initialWorkerId === undefined ? visit.worker?.id : initialWorkerId) ?? 'none',
  );
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ReactNode>(null);
  const [reasonError, setReasonError] = useState<string | undefined>();
  const lengthMs = Date.parse(visit.scheduledEnd) - Date.parse(visit.scheduledStart);
  const client = fullName(visit.client);

  const workerOptions: Option[] = [
    { id: 'none', label: t('noWorker') },
    ...workers.map((worker) => ({ id: worker.id, label: fullName(worker) })),
  ];
  const workerName = fullName(workers.find((worker) => worker.id === workerId));

  const save = () => {
    setError(null);
    if (mode === 'move') {
      if (!date || !time) {
        setError(t('pickTime'));
        return;
      }
      const start = toZoned(toCalendarDateTime(date, time), timeZone).toDate();
      actions.move.mutate(
        {
          id: visit.id,
          version: visit.version,
          workerId: workerId === 'none' ? null : workerId,
          scheduledStart: start.toISOString(),
          scheduledEnd: new Date(start.getTime() + lengthMs).toISOString(),
        },
        {
          onSuccess: () => {
            toast.success(t('moved', { client }));
            onClose();
          },
          onError: (failure) => setError(clashMessage(failure, workerName)),
        },
      );
      return;
    }
    if (!reason.trim()) {
      setReasonError(t('reasonRequired'));
      return;
    }
    setReasonError(undefined);
    const mutation = mode === 'cancel' ? actions.cancel : actions.noShow;
    mutation.mutate(
      { id: visit.id, reason: reason.trim() },
      {
        onSuccess: () => {
          toast.success(t(mode === 'cancel' ? 'cancelled' : 'markedNoShow', { client }));
          onClose();
        },
        onError: (failure) => setError(clashMessage(failure, workerName)),
      },
    );
  };

  const pending = actions.move.isPending || actions.cancel.isPending || actions.noShow.isPending;
  const end =
    date && time ? new Date(toZoned(toCalendarDateTime(date, time), timeZone).toDate().getTime() + lengthMs) : null;

  return (
    <Dialog
      title={t('title', { client, when: `${format.date(visit.scheduledStart)} ${format.time(visit.scheduledStart)}` })}
      isOpen
      onOpenChange={(open) => !open && onClose()}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <RadioGroup
          label={t('whatToDo')}
          value={mode}
          onChange={(value) => {
            setMode(value as Mode);
            setError(null);
          }}
        >
          <Radio value="move">{t('modeMove')}</Radio>
          <Radio value="cancel">{t('modeCancel')}</Radio>
          <Radio value="noShow">{t('modeNoShow')}</Radio>
        </RadioGroup>
        {error && <Alert live="assertive">{error}</Alert>}
        {mode === 'move' ? (
          <>
            <Select
              label={t('worker')}
              options={workerOptions}
              selectedKey={workerId}
              onSelectionChange={(key) => setWorkerId(String(key ?? 'none'))}
            />
            <DatePicker label={t('date')} value={date} onChange={(value) => setDate(value as CalendarDate | null)} />
            <TimeField
              label={t('start')}
              hint={end ? t('endsAt', { time: format.time(end) }) : undefined}
              value={time}
              onChange={(value) => setTime(value as Time | null)}
            />
          </>
        ) : (
          <TextField
            label={t('reason')}
            hint={t(mode === 'cancel' ? 'cancelHint' : 'noShowHint')}
            multiline
            rows={2}
            value={reason}
            onChange={setReason}
            error={reasonError}
            isRequired
            maxLength={500}
          />
        )}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" variant={mode === 'move' ? 'primary' : 'danger'} isPending={pending}>
            {t(mode === 'move' ? 'saveMove' : mode === 'cancel' ? 'saveCancel' : 'saveNoShow')}
          </Button>
          <Button variant="secondary" onPress={onClose}>
            {t('close')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
