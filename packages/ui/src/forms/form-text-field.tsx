'use client';

import { Controller, type FieldValues } from 'react-hook-form';
import { TextField, type TextFieldProps } from '../components/text-field';
import type { Bound } from './bound';

/** A TextField bound to react-hook-form; the field's error shows under it (aria-invalid, aria-describedby). */
export function FormTextField<T extends FieldValues, O extends FieldValues = T>({
  control,
  name,
  ...props
}: Bound<T, O> & Omit<TextFieldProps, 'name' | 'value' | 'onChange' | 'onBlur' | 'error'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          {...props}
          name={field.name}
          value={(field.value as string | null | undefined) ?? ''}
          onChange={field.onChange}
          onBlur={field.onBlur}
          inputRef={field.ref}
          isDisabled={field.disabled || props.isDisabled}
          error={fieldState.error?.message}
        />
      )}
    />
  );
}
