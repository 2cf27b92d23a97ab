'use client';

import type { ReactNode } from 'react';
import { Checkbox as AriaCheckbox, type CheckboxProps as AriaCheckboxProps } from 'react-aria-components/Checkbox';
import { choiceBox, choiceRow, cx } from './class-names';

export interface CheckboxProps extends Omit<AriaCheckboxProps, 'className' | 'children'> {
  children: ReactNode;
  className?: string;
}

export function Checkbox({ children, className, ...rest }: CheckboxProps) {
  return (
    <AriaCheckbox className={cx(choiceRow, className)} {...rest}>
      {({ isSelected, isIndeterminate }) => (
        <>
          <span aria-hidden="true" className={cx(choiceBox, 'rounded-sm text-brand-ink')}>
            {isIndeterminate ? '–' : isSelected ? '✓' : ''}
          </span>
          <span>{children}</span>
        </>
      )}
    </AriaCheckbox>
  );
}
