'use client';

import { useTranslations } from 'next-intl';
import { Button as AriaButton } from 'react-aria-components/Button';
import {
  Calendar,
  CalendarCell,
  CalendarGrid,
  CalendarGridBody,
  CalendarGridHeader,
  CalendarHeaderCell,
} from 'react-aria-components/Calendar';
import type { DateValue } from 'react-aria-components/DateField';
import { DateInput, DateSegment } from 'react-aria-components/DateField';
import {
  DatePicker as AriaDatePicker,
  type DatePickerProps as AriaDatePickerProps,
} from 'react-aria-components/DatePicker';
import { Dialog } from 'react-aria-components/Dialog';
import { FieldError } from 'react-aria-components/FieldError';
import { Group } from 'react-aria-components/Group';
import { Heading } from 'react-aria-components/Heading';
import { Label } from 'react-aria-components/Label';
import { Text } from 'react-aria-components/Text';
import type { TimeValue } from 'react-aria-components/TimeField';
import { TimeField as AriaTimeField, type TimeFieldProps as AriaTimeFieldProps } from 'react-aria-components/TimeField';
import { cx, fieldStyles } from './class-names';
import { Icon } from './icons';
import { Popover } from './list-box';

export type { DateValue, TimeValue };

const segment =
  'rounded-sm px-0.5 tabular-nums outline-none data-[focused]:bg-brand data-[focused]:text-brand-ink data-[placeholder]:text-ink-muted';
const iconButton =
  'flex min-h-11 min-w-11 cursor-pointer items-center justify-center rounded-control border-2 border-brand bg-surface text-brand data-[hovered]:bg-brand-soft';

function Segments() {
  return (
    <DateInput className="flex flex-1 flex-wrap items-center">
      {(part) => <DateSegment segment={part} className={segment} />}
    </DateInput>
  );
}

interface FieldText {
  label: string;
  hint?: string;
  error?: string;
  className?: string;
}

export type DatePickerProps<T extends DateValue> = Omit<AriaDatePickerProps<T>, 'className' | 'children'> & FieldText;

/**
 * A date (CalendarDate) or date and time (ZonedDateTime) typed segment by segment or picked from a
 * calendar (react-aria-components DatePicker). With a ZonedDateTime the field shows the zone, and
 * the time reads as it is in that zone whatever the device's own zone is.
 */
export function DatePicker<T extends DateValue>({
  label,
  hint,
  error,
  className,
  isInvalid,
  ...rest
}: DatePickerProps<T>) {
  const t = useTranslations('components');
  return (
    <AriaDatePicker
      className={cx(fieldStyles.root, className)}
      isInvalid={isInvalid || Boolean(error)}
      validationBehavior="aria"
      {...rest}
    >
      <Label className={fieldStyles.label}>{label}</Label>
      {hint && (
        <Text slot="description" className={fieldStyles.hint}>
          {hint}
        </Text>
      )}
      <Group className={cx(fieldStyles.controlFrame, 'flex items-center gap-2 pl-3')}>
        <Segments />
        <AriaButton aria-label={t('openCalendar')} className={cx(iconButton, 'border-0 border-l-2 rounded-l-none')}>
          <Icon name="calendar" />
        </AriaButton>
      </Group>
      <FieldError className={fieldStyles.error}>{error}</FieldError>
      <Popover className="p-3">
        <Dialog className="outline-none">
          <Calendar>
            <header className="mb-2 flex items-center justify-between gap-2">
              <AriaButton slot="previous" aria-label={t('previousMonth')} className={iconButton}>
                <Icon name="chevronLeft" />
              </AriaButton>
              <Heading className="font-semibold text-ink" />
              <AriaButton slot="next" aria-label={t('nextMonth')} className={iconButton}>
                <Icon name="chevronRight" />
              </AriaButton>
            </header>
            <CalendarGrid className="border-collapse">
              <CalendarGridHeader>
                {(day) => (
                  <CalendarHeaderCell className="size-11 text-center font-semibold text-ink-muted text-sm">
                    {day}
                  </CalendarHeaderCell>
                )}
              </CalendarGridHeader>
              <CalendarGridBody>
                {(date) => (
                  <CalendarCell
                    date={date}
                    className={cx(
                      'flex size-11 cursor-pointer items-center justify-center rounded-full text-ink outline-none',
                      'data-[outside-month]:hidden data-[hovered]:bg-brand-soft data-[selected]:bg-brand data-[selected]:text-brand-ink',
                      'data-[disabled]:cursor-not-allowed data-[disabled]:opacity-50 data-[today]:font-bold data-[today]:underline',
                      'data-[focus-visible]:outline-3 data-[focus-visible]:outline-focus',
                    )}
                  />
                )}
              </CalendarGridBody>
            </CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </AriaDatePicker>
  );
}

export type TimeFieldProps<T extends TimeValue> = Omit<AriaTimeFieldProps<T>, 'className' | 'children'> & FieldText;

/** A time of day typed segment by segment, in the locale's 12- or 24-hour style. */
export function TimeField<T extends TimeValue>({
  label,
  hint,
  error,
  className,
  isInvalid,
  ...rest
}: TimeFieldProps<T>) {
  return (
    <AriaTimeField
      className={cx(fieldStyles.root, className)}
      isInvalid={isInvalid || Boolean(error)}
      validationBehavior="aria"
      {...rest}
    >
      <Label className={fieldStyles.label}>{label}</Label>
      {hint && (
        <Text slot="description" className={fieldStyles.hint}>
          {hint}
        </Text>
      )}
      <div className={cx(fieldStyles.control, 'flex items-center')}>
        <Segments />
      </div>
      <FieldError className={fieldStyles.error}>{error}</FieldError>
    </AriaTimeField>
  );
}
