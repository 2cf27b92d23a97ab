'use client';

import { useTranslations } from 'next-intl';
import { Button as AriaButton } from 'react-aria-components/Button';
import { ComboBox as AriaComboBox, type ComboBoxProps as AriaComboBoxProps } from 'react-aria-components/ComboBox';
import { FieldError } from 'react-aria-components/FieldError';
import { Group } from 'react-aria-components/Group';
import { Input } from 'react-aria-components/Input';
import { Label } from 'react-aria-components/Label';
import { ListBox } from 'react-aria-components/ListBox';
import { Text } from 'react-aria-components/Text';
import { cx, fieldStyles } from './class-names';
import { Icon } from './icons';
import { ListBoxItem, Popover } from './list-box';
import type { Option } from './select';

export interface ComboBoxProps extends Omit<AriaComboBoxProps<Option>, 'className' | 'children'> {
  label: string;
  /** The options to show; pass `items` filtered by the server instead for long lists (use with onInputChange). */
  options?: readonly Option[];
  hint?: string;
  error?: string;
  className?: string;
}

/** Type to filter, or open the list (react-aria-components ComboBox). */
export function ComboBox({ label, options, items, hint, error, className, isInvalid, ...rest }: ComboBoxProps) {
  const t = useTranslations('components');
  return (
    <AriaComboBox
      className={cx(fieldStyles.root, className)}
      defaultItems={items ? undefined : options}
      items={items}
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
      <Group className="flex">
        <Input className={cx(fieldStyles.control, 'rounded-r-none')} />
        <AriaButton
          aria-label={t('showOptions')}
          className="min-h-11 min-w-11 rounded-r-control border-2 border-border border-l-0 bg-surface text-ink"
        >
          <Icon name="chevronDown" />
        </AriaButton>
      </Group>
      <FieldError className={fieldStyles.error}>{error}</FieldError>
      <Popover>
        <ListBox className="outline-none">
          {(option: Option) => (
            <ListBoxItem id={option.id} isDisabled={option.isDisabled}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </AriaComboBox>
  );
}
