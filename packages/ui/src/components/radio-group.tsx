'use client';

import type { ReactNode } from 'react';
import { FieldError } from 'react-aria-components/FieldError';
import { Label } from 'react-aria-components/Label';
import {
  Radio as AriaRadio,
  RadioGroup as AriaRadioGroup,
  type RadioGroupProps as AriaRadioGroupProps,
  type RadioProps as AriaRadioProps,
} from 'react-aria-components/RadioGroup';
import { Text } from 'react-aria-components/Text';
import { choiceBox, choiceRow, cx, fieldStyles } from './class-names';

export interface RadioGroupProps extends Omit<AriaRadioGroupProps, 'className' | 'children'> {
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
  className?: string;
}

/** A labelled group of radios; arrow keys move between them (react-aria-components RadioGroup). */
export function RadioGroup({ label, hint, error, children, className, isInvalid, ...rest }: RadioGroupProps) {
  return (
    <AriaRadioGroup
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
      <div className="flex flex-wrap gap-x-6">{children}</div>
      <FieldError className={fieldStyles.error}>{error}</FieldError>
    </AriaRadioGroup>
  );
}

export interface RadioProps extends Omit<AriaRadioProps, 'className' | 'children'> {
  children: ReactNode;
  className?: string;
}

export function Radio({ children, className, ...rest }: RadioProps) {
  return (
    <AriaRadio className={cx(choiceRow, className)} {...rest}>
      <span aria-hidden="true" className={cx(choiceBox, 'rounded-full')}>
        <span className="size-2.5 rounded-full bg-brand-ink opacity-0 group-data-[selected]:opacity-100" />
      </span>
      <span>{children}</span>
    </AriaRadio>
  );
}
