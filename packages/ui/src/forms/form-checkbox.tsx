'use client';

import { Controller, type FieldValues } from 'react-hook-form';
import { Checkbox, type CheckboxProps } from '../components/checkbox';
import type { Bound } from './bound';

export function FormCheckbox<T extends FieldValues, O extends FieldValues = T>({
  control,
  name,
  ...props
}: Bound<T, O> & Omit<CheckboxProps, 'name' | 'isSelected' | 'onChange'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Checkbox
          {...props}
          name={field.name}
          isSelected={Boolean(field.value)}
          onChange={field.onChange}
          onBlur={field.onBlur}
        />
      )}
    />
  );
}
