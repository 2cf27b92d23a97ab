'use client';

import { Controller, type FieldValues } from 'react-hook-form';
import { RadioGroup, type RadioGroupProps } from '../components/radio-group';
import type { Bound } from './bound';

export function FormRadioGroup<T extends FieldValues, O extends FieldValues = T>({
  control,
  name,
  ...props
}: Bound<T, O> & Omit<RadioGroupProps, 'name' | 'value' | 'onChange' | 'error'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <RadioGroup
          {...props}
          name={field.name}
          value={(field.value as string | null | undefined) ?? null}
          onChange={field.onChange}
          onBlur={field.onBlur}
          error={fieldState.error?.message}
        />
      )}
    />
  );
}
