'use client';

import type { Ref } from 'react';
import { FieldError } from 'react-aria-components/FieldError';
import { Input } from 'react-aria-components/Input';
import { Label } from 'react-aria-components/Label';
import { Text } from 'react-aria-components/Text';
import { TextArea } from 'react-aria-components/TextArea';
import { TextField as AriaTextField, type TextFieldProps as AriaTextFieldProps } from 'react-aria-components/TextField';
import { cx, fieldStyles } from './class-names';

export interface TextFieldProps extends Omit<AriaTextFieldProps, 'className' | 'children'> {
  label: string;
  /** Shown under the field and announced with it; marks the field invalid. */
  error?: string;
  hint?: string;
  /** A multi-line text area instead of a one-line input. */
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  className?: string;
  inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
}

/**
 * A labelled text input (react-aria-components): the label, hint and error are wired to the input
 * with aria-labelledby / aria-describedby, and `error` sets aria-invalid.
 */
export function TextField({
  label,
  error,
  hint,
  multiline,
  rows = 4,
  placeholder,
  className,
  inputRef,
  isInvalid,
  ...rest
}: TextFieldProps) {
  return (
    <AriaTextField
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
      {multiline ? (
        <TextArea ref={inputRef} rows={rows} placeholder={placeholder} className={fieldStyles.control} />
      ) : (
        <Input ref={inputRef} placeholder={placeholder} className={fieldStyles.control} />
      )}
      <FieldError className={fieldStyles.error}>{error}</FieldError>
    </AriaTextField>
  );
}
