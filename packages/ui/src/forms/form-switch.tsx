'use client';

import { Controller, type FieldValues } from 'react-hook-form';
import { Switch, type SwitchProps } from '../components/switch';
import type { Bound } from './bound';

export function FormSwitch<T extends FieldValues, O extends FieldValues = T>({
  control,
  name,
  ...props
}: Bound<T, O> & Omit<SwitchProps, 'name' | 'isSelected' | 'onChange'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Switch
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
