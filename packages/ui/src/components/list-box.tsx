'use client';

import type { ReactNode } from 'react';
import { ListBoxItem as AriaListBoxItem, type ListBoxItemProps } from 'react-aria-components/ListBox';
import { Popover as AriaPopover, type PopoverProps } from 'react-aria-components/Popover';
import { cx } from './class-names';

/** The floating panel of a Select, ComboBox, Menu or DatePicker. */
export function Popover({ className, ...rest }: Omit<PopoverProps, 'className'> & { className?: string }) {
  return (
    <AriaPopover
      offset={4}
      className={cx(
        'max-h-[min(24rem,var(--visual-viewport-height))] min-w-[--trigger-width] overflow-auto rounded-control',
        'border border-border-subtle bg-surface p-1 text-ink shadow-lg',
        className,
      )}
      {...rest}
    />
  );
}

/** One option: 44 px high, highlighted on focus, ticked when selected. */
export function ListBoxItem({
  children,
  className,
  ...rest
}: Omit<ListBoxItemProps, 'className' | 'children'> & { className?: string; children: ReactNode }) {
  const textValue = rest.textValue ?? (typeof children === 'string' ? children : undefined);
  return (
    <AriaListBoxItem
      textValue={textValue}
      className={cx(
        'group flex min-h-11 cursor-pointer items-center gap-2 rounded-control px-3 py-2 outline-none',
        'data-[focused]:bg-brand-soft data-[selected]:font-semibold data-[disabled]:opacity-60',
        className,
      )}
      {...rest}
    >
      <span aria-hidden="true" className="w-4 text-brand opacity-0 group-data-[selected]:opacity-100">
        ✓
      </span>
      <span className="flex-1">{children}</span>
    </AriaListBoxItem>
  );
}
