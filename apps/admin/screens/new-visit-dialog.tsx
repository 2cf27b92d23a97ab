'use client';

import type { ServiceType } from '@caretracker/shared';
import {
  Alert,
  Button,
  ComboBox,
  DatePicker,
  Dialog,
  type Option,
  Radio,
  RadioGroup,
  Select,
  TextField,
  TimeField,
  toast,
} from '@caretracker/ui/components';
import { ApiError } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { type CalendarDate, getDayOfWeek, parseDate, Time, toCalendarDateTime, toZoned } from '@internationalized/date';
import { useTranslations } from 'next-intl';
import { type ReactNode, useState } from 'react';
import { type AvailableWorker, useAvailableWorkers, useBook } from '@/lib/booking-api';
import { useUsers } from '@/lib/office-api';
import { fullName, SERVICE_TYPE_LIST } from '@/lib/vocabulary';
import { useClashMessage } from './clash-message';

type Repeat = 'once' | 'weekly' | 'weekdays' | 'daily';
const DURATIONS = [30, 60, 90, 120, 180, 240, 480];
const WEEKDAY_BY_INDEX = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
const UNASSIGNED = 'none';

/** A worker as the slot offers them: name, how far they live from the client, their place on the care team. */
function useWorkerLabel() {
  const t = useTranslations('schedule.book');
  const format = useFormat();
  return (worker: AvailableWorker) =>
    [
      fullName(worker),
      worker.distanceMeters === null
        ? null
        : t('distance', { km: format.number(Math.round(worker.distanceMeters / 100) / 10) }),
      worker.careTeamRole ? t(`careTeam.${worker.careTeamRole}`) : null,
    ]
      .filter(Boolean)
      .join(' · ');
}

/** Dates of a series clash (409 `details.clashes`), in plain words. */
function useSeriesClash() {
  const t = useTranslations('schedule.book');
  const format = useFormat();
  return (error: unknown): ReactNode | null => {
    if (!(error instanceof ApiError) || error.status !== 409) return null;
    const clashes = (error.details as { clashes?: { scheduledStart: string; scheduledEnd: string }[] } | undefined)
      ?.clashes;
    if (!clashes?.length) return null;
    return (
      <>
        <p>{t('seriesClash', { count: clashes.length })}</p>
        <ul className="list-disc pl-6">
          {clashes.slice(0, 10).map((clash) => (
            <li key={clash.scheduledStart}>
              {t('clashItem', {
                date: format.dateLong(clash.scheduledStart),
                start: format.time(clash.scheduledStart),
                end: format.time(clash.scheduledEnd),
              })}
            </li>
          ))}
        </ul>
      </>
    );
  };
}

/**
 * Book a visit, or a recurring series, from a slot of the board: the client, the time, and one of
 * the workers the API finds free there with the client's required skills and hours, nearest first.
 */
export function NewVisitDialog({
  day,
  workerId: slotWorkerId,
  workerName: slotWorkerName,
  timeZone,
  onClose,
}: {
  /** The board's day of the slot (YYYY-MM-DD, in `timeZone`). */
  day: string;
  workerId: string | null;
  workerName: string | null;
  timeZone: string;
  onClose: () => void;
}) {
  const t = useTranslations('schedule.book');
  const tv = useTranslations('visit');
  const label = useWorkerLabel();
  const clashMessage = useClashMessage();
  const seriesClash = useSeriesClash();
  const book = useBook();
  const clients = useUsers({ role: 'CLIENT', isActive: 'true', limit: 100 });
  const [clientId, setClientId] = useState<string | null>(null);
  const [date, setDate] = useState<CalendarDate | null>(parseDate(day));
  const [time, setTime] = useState<Time | null>(new Time(9, 0));
  const [duration, setDuration] = useState(60);
  const [serviceType, setServiceType] = useState<ServiceType>('PERSONAL_CARE');
  const [repeat, setRepeat] = useState<Repeat>('once');
  const [count, setCount] = useState('8');
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<ReactNode>(null);
  const [checked, setChecked] = useState(false);

  const start = date && time ? toZoned(toCalendarDateTime(date, time), timeZone).toDate() : null;
  const end = start ? new Date(start.getTime() + duration * 60_000) : null;
  const available = useAvailableWorkers(clientId, start?.toISOString() ?? null, end?.toISOString() ?? null);
  const offered = available.data ?? [];
  const slotWorkerFree = slotWorkerId !== null && offered.some((worker) => worker.id === slotWorkerId);
  const workerId = chosen ?? (slotWorkerFree ? slotWorkerId : null) ?? UNASSIGNED;
  const workerOptions: Option[] = [
    { id: UNASSIGNED, label: t('leaveUnassigned') },
    ...offered.map((worker) => ({ id: worker.id, label: label(worker) })),
  ];
  const clientOptions: Option[] = (clients.data ?? []).map((client) => ({ id: client.id, label: fullName(client) }));
  const countNumber = Number(count);
  const countError =
    repeat !== 'once' && (!Number.isInteger(countNumber) || countNumber < 2 || countNumber > 400)
      ? t('countRange')
      : undefined;
  const workerName = fullName(offered.find((worker) => worker.id === workerId)) || slotWorkerName || '';

  const save = () => {
    setChecked(true);
    setError(null);
    if (!clientId || !start || !end || !date || !time || countError) return;
    const assigned = workerId === UNASSIGNED ? null : workerId;
    const client = clientOptions.find((option) => option.id === clientId)?.label ?? '';
    const onSuccess = () => {
      toast.success(t(repeat === 'once' ? 'booked' : 'bookedSeries', { client, count: countNumber }));
      onClose();
    };
    if (repeat === 'once') {
      book.visit.mutate(
        {
          clientId,
          workerId: assigned,
          serviceType,
          scheduledStart: start.toISOString(),
          scheduledEnd: end.toISOString(),
        },
        { onSuccess, onError: (failure) => setError(clashMessage(failure, workerName, 'book')) },
      );
      return;
    }
    book.series.mutate(
      {
        clientId,
        workerId: assigned,
        recurrence: {
          frequency: repeat === 'weekly' ? 'WEEKLY' : repeat === 'weekdays' ? 'WEEKDAYS' : 'DAILY',
          ...(repeat === 'weekly' ? { daysOfWeek: [WEEKDAY_BY_INDEX[getDayOfWeek(date, 'en-US')]!] } : {}),
          startsOn: date.toString(),
          count: countNumber,
          startTime: time.toString().slice(0, 5),
          durationMinutes: duration,
          timeZone,
        },
      },
      { onSuccess, onError: (failure) => setError(seriesClash(failure) ?? clashMessage(failure, workerName, 'book')) },
    );
  };

  const durationOptions: Option[] = DURATIONS.map((minutes) => ({ id: minutes, label: t('minutes', { minutes }) }));
  const serviceOptions: Option[] = SERVICE_TYPE_LIST.map((type) => ({ id: type, label: tv(`services.${type}`) }));

  return (
    <Dialog title={t('title')} isOpen onOpenChange={(open) => !open && onClose()}>
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        {error && <Alert live="assertive">{error}</Alert>}
        <ComboBox
          label={t('client')}
          options={clientOptions}
          selectedKey={clientId}
          onSelectionChange={(key) => {
            setClientId(key === null ? null : String(key));
            setChosen(null);
          }}
          error={checked && !clientId ? t('clientRequired') : undefined}
          hint={clients.isPending ? t('loadingClients') : undefined}
          isDisabled={clients.isPending}
          isRequired
        />
        <DatePicker label={t('date')} value={date} onChange={(value) => setDate(value as CalendarDate | null)} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TimeField label={t('start')} value={time} onChange={(value) => setTime(value as Time | null)} />
          <Select
            label={t('length')}
            options={durationOptions}
            selectedKey={duration}
            onSelectionChange={(key) => setDuration(Number(key))}
          />
        </div>
        <Select
          label={t('service')}
          options={serviceOptions}
          selectedKey={serviceType}
          onSelectionChange={(key) => setServiceType(String(key) as ServiceType)}
        />
        <RadioGroup label={t('repeat')} value={repeat} onChange={(value) => setRepeat(value as Repeat)}>
          <Radio value="once">{t('repeatOnce')}</Radio>
          <Radio value="weekly">{t('repeatWeekly')}</Radio>
          <Radio value="weekdays">{t('repeatWeekdays')}</Radio>
          <Radio value="daily">{t('repeatDaily')}</Radio>
        </RadioGroup>
        {repeat !== 'once' && (
          <TextField
            label={t('count')}
            hint={t('countHint')}
            inputMode="numeric"
            value={count}
            onChange={setCount}
            error={checked ? countError : undefined}
          />
        )}
        {clientId && start ? (
          <div aria-busy={available.isFetching}>
            <Select
              label={t('worker')}
              hint={available.isPending ? t('findingWorkers') : t('workerHint', { count: offered.length })}
              options={workerOptions}
              selectedKey={workerId}
              onSelectionChange={(key) => setChosen(String(key ?? UNASSIGNED))}
            />
            {slotWorkerId && !available.isPending && !slotWorkerFree && (
              <p className="mt-1 text-ink-muted text-sm">{t('slotWorkerBusy', { name: slotWorkerName ?? '' })}</p>
            )}
          </div>
        ) : (
          <p className="text-ink-muted">{t('pickClientFirst')}</p>
        )}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" isPending={book.visit.isPending || book.series.isPending}>
            {t(repeat === 'once' ? 'save' : 'saveSeries')}
          </Button>
          <Button variant="secondary" onPress={onClose}>
            {t('close')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
