'use client';

import { Controller, type FieldValues } from 'react-hook-form';
import { Select, type SelectProps } from '../components/select';
import type { Bound } from './bound';

export function FormSelect<T extends FieldValues, O extends FieldValues = T>({
  control,
  name,
  ...props
}: Bound<T, O> & Omit<SelectProps, 'name' | 'selectedKey' | 'onSelectionChange' | 'error'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Select
          {...props}
          name={field.name}
          selectedKey={(field.value as string | null | undefined) ?? null}
          onSelectionChange={field.onChange}
          onBlur={field.onBlur}
          error={fieldState.error?.message}
        />
      )}
    />
  );
}
