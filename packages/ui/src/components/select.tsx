'use client';

import { Button as AriaButton } from 'react-aria-components/Button';
import type { Key } from 'react-aria-components/Collection';
import { FieldError } from 'react-aria-components/FieldError';
import { Label } from 'react-aria-components/Label';
import { ListBox } from 'react-aria-components/ListBox';
import { Select as AriaSelect, type SelectProps as AriaSelectProps, SelectValue } from 'react-aria-components/Select';
import { Text } from 'react-aria-components/Text';
import { cx, fieldStyles } from './class-names';
import { Icon } from './icons';
import { ListBoxItem, Popover } from './list-box';

export interface Option {
  id: Key;
  label: string;
  isDisabled?: boolean;
}

export interface SelectProps extends Omit<AriaSelectProps<Option>, 'className' | 'children' | 'items'> {
  label: string;
  options: readonly Option[];
  hint?: string;
  error?: string;
  className?: string;
}

/** Pick one of a short list (react-aria-components Select: a button plus a listbox popover). */
export function Select({ label, options, hint, error, className, isInvalid, ...rest }: SelectProps) {
  return (
    <AriaSelect
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
      <AriaButton className={cx(fieldStyles.control, 'flex items-center justify-between gap-2 text-left')}>
        <SelectValue className="truncate data-[placeholder]:text-ink-muted" />
        <Icon name="chevronDown" />
      </AriaButton>
      <FieldError className={fieldStyles.error}>{error}</FieldError>
      <Popover>
        <ListBox items={options} className="outline-none">
          {(option) => (
            <ListBoxItem id={option.id} isDisabled={option.isDisabled}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </AriaSelect>
  );
}
