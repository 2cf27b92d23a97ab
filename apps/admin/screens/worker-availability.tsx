'use client';

import type { ProfileFields, UserView } from '@caretracker/shared';
import { Alert, Button, Card, type Option, Select, TextField, toast } from '@caretracker/ui/components';
import { useErrorMessage } from '@caretracker/ui/data';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useUpdatePerson } from '@/lib/people-api';

type Weekday = NonNullable<ProfileFields['availability']>[number]['day'];
// The shared list as a value without zod at run time; `satisfies` keeps it in step.
const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const satisfies readonly Weekday[];
interface Slot {
  key: number;
  day: Weekday;
  start: string;
  end: string;
}
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
let nextKey = 1;

/** Problems of one slot, checked as the API checks them (HH:MM, end after start). */
function slotError(slot: Slot): 'start' | 'end' | 'order' | null {
  if (!CLOCK.test(slot.start)) return 'start';
  if (!CLOCK.test(slot.end) && slot.end !== '24:00') return 'end';
  return slot.start < slot.end ? null : 'order';
}

/** A worker's weekly availability: the hours of each weekday they can take visits (the board offers them only there). */
export function WorkerAvailability({ person, canEdit }: { person: UserView; canEdit: boolean }) {
  const t = useTranslations('person.availability');
  const describe = useErrorMessage();
  const update = useUpdatePerson(person.id);
  const [slots, setSlots] = useState<Slot[]>(() =>
    (person.profile?.availability ?? []).map((slot) => ({ ...slot, key: nextKey++ })),
  );
  const [checked, setChecked] = useState(false);
  const days: Option[] = WEEKDAYS.map((day) => ({ id: day, label: t(`days.${day}`) }));
  const change = (key: number, patch: Partial<Slot>) =>
    setSlots(slots.map((slot) => (slot.key === key ? { ...slot, ...patch } : slot)));
  const errors = new Map(slots.map((slot) => [slot.key, slotError(slot)]));
  const sorted = [...slots].sort(
    (a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) || a.start.localeCompare(b.start),
  );

  const save = () => {
    setChecked(true);
    if ([...errors.values()].some(Boolean)) return;
    update.mutate(
      {
        profile: { availability: sorted.map(({ day, start, end }) => ({ day, start, end })) },
        version: person.version,
      },
      { onSuccess: () => toast.success(t('saved')) },
    );
  };

  if (!canEdit) {
    return (
      <Card title={t('title')} description={t('description')}>
        {sorted.length === 0 ? (
          <p className="text-ink-muted">{t('none')}</p>
        ) : (
          <ul>
            {sorted.map((slot) => (
              <li key={slot.key}>{t('slot', { day: t(`days.${slot.day}`), start: slot.start, end: slot.end })}</li>
            ))}
          </ul>
        )}
      </Card>
    );
  }

  return (
    <Card title={t('title')} description={t('description')}>
      <div className="flex flex-col gap-4">
        {slots.length === 0 && <p className="text-ink-muted">{t('none')}</p>}
        {slots.map((slot, index) => {
          const problem = checked ? errors.get(slot.key) : null;
          return (
            <fieldset key={slot.key} className="grid grid-cols-2 gap-2 border-border-subtle border-b pb-3">
              <legend className="sr-only">{t('slotLegend', { number: index + 1 })}</legend>
              <Select
                className="col-span-2"
                label={t('day')}
                options={days}
                selectedKey={slot.day}
                onSelectionChange={(key) => change(slot.key, { day: String(key) as Weekday })}
              />
              <TextField
                label={t('start')}
                type="time"
                value={slot.start}
                onChange={(start) => change(slot.key, { start })}
                error={problem === 'start' ? t('badTime') : undefined}
              />
              <TextField
                label={t('end')}
                type="time"
                value={slot.end}
                onChange={(end) => change(slot.key, { end })}
                error={problem === 'end' ? t('badTime') : problem === 'order' ? t('endAfterStart') : undefined}
              />
              <Button
                variant="quiet"
                className="col-span-2 justify-self-start"
                aria-label={t('removeSlot', { number: index + 1 })}
                onPress={() => setSlots(slots.filter((known) => known.key !== slot.key))}
              >
                {t('remove')}
              </Button>
            </fieldset>
          );
        })}
        <Button
          variant="secondary"
          className="self-start"
          onPress={() => setSlots([...slots, { key: nextKey++, day: 'MON', start: '09:00', end: '17:00' }])}
        >
          {t('addSlot')}
        </Button>
        {update.error && <Alert tone="error">{describe(update.error)}</Alert>}
        <Button className="self-start" isPending={update.isPending} onPress={save}>
          {t('save')}
        </Button>
      </div>
    </Card>
  );
}
