'use client';

import { zonedDateTimeToUtc } from '@caretracker/shared/time-zone';
import { fieldStyles } from '@caretracker/ui/components';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { dayIn } from '@/lib/dates';
import { useWords } from '@/lib/use-words';
import { SLOTS, type Slot } from '@/lib/visit-slots';

/** The day and time of day a client picks, checked as a whole: requests and changes alike. */
export function useSlotChoice() {
  const words = useWords();
  const tRequest = useTranslations('portal.request');
  const zone = words.format.timeZone ?? 'America/Los_Angeles';
  const tomorrow = dayIn(new Date(Date.now() + 86_400_000), zone);
  const dateId = useId();
  const [date, setDate] = useState('');
  const [slot, setSlot] = useState<Slot>('morning');
  const [dateError, setDateError] = useState<string | null>(null);
  return {
    dateId,
    date,
    setDate,
    slot,
    setSlot,
    dateError,
    tomorrow,
    /** The chosen start as an instant, or null (and the day's error shown) when the day is not valid. */
    start(): Date | null {
      const bad = !/^\d{4}-\d{2}-\d{2}$/.test(date) || date < tomorrow;
      setDateError(bad ? tRequest('dateError') : null);
      return bad ? null : zonedDateTimeToUtc(date, SLOTS[slot], zone);
    },
  };
}

export type SlotChoice = ReturnType<typeof useSlotChoice>;

/** A day from tomorrow on and a time of day (morning, midday, afternoon), in large type. */
export function SlotFields({ choice, dateLabel }: { choice: SlotChoice; dateLabel: string }) {
  const tRequest = useTranslations('portal.request');
  const words = useWords();
  const { dateId, dateError } = choice;
  return (
    <>
      <div className={fieldStyles.root}>
        <label htmlFor={dateId} className={`${fieldStyles.label} text-lg`}>
          {dateLabel}
        </label>
        <input
          id={dateId}
          type="date"
          min={choice.tomorrow}
          value={choice.date}
          onChange={(e) => choice.setDate(e.target.value)}
          aria-invalid={dateError ? true : undefined}
          aria-describedby={dateError ? `${dateId}-error` : undefined}
          className={`${fieldStyles.control} text-lg`}
          required
        />
        {dateError && (
          <p id={`${dateId}-error`} className={fieldStyles.error}>
            {dateError}
          </p>
        )}
      </div>
      <ChoiceGroup
        legend={tRequest('time')}
        name={`${dateId}-slot`}
        value={choice.slot}
        onChange={(value) => choice.setSlot(value as Slot)}
        options={(Object.keys(SLOTS) as Slot[]).map((key) => ({
          value: key,
          label: tRequest(`slots.${key}`, { time: words.clock(SLOTS[key]) }),
        }))}
      />
    </>
  );
}

/**
 * Large radio rows from native inputs (the portal's light routes stay under the JavaScript budget
 * without react-aria's radio group).
 */
export function ChoiceGroup({
  legend,
  name,
  value,
  onChange,
  options,
}: {
  legend: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 font-semibold text-ink text-lg">{legend}</legend>
      {options.map((option) => (
        <label
          key={option.value}
          className="flex min-h-12 cursor-pointer items-center gap-3 rounded-lg border border-border px-4 text-lg"
        >
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            className="size-5"
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
