'use client';

import type { CalendarDate } from '@internationalized/date';
import { LazyDatePicker } from './lazy';

export interface DayRangeFieldsProps {
  from: CalendarDate | null;
  to: CalendarDate | null;
  onChange: (range: { from?: CalendarDate | null; to?: CalendarDate | null }) => void;
  /** The list's own words: "From", "To", and the hint shown while a side is open ("Any day"). */
  labels: { from: string; to: string; anyDate: string };
}

/** A list filter's first and last day, as two date pickers (each empty means open on that side). */
export function DayRangeFields({ from, to, onChange, labels }: DayRangeFieldsProps) {
  return (
    <>
      <LazyDatePicker
        label={labels.from}
        hint={from ? undefined : labels.anyDate}
        value={from}
        onChange={(value) => onChange({ from: value as CalendarDate | null })}
      />
      <LazyDatePicker
        label={labels.to}
        hint={to ? undefined : labels.anyDate}
        value={to}
        onChange={(value) => onChange({ to: value as CalendarDate | null })}
      />
    </>
  );
}
