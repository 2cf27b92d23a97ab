'use client';

import type { ReactNode } from 'react';
import {
  Menu as AriaMenu,
  MenuItem as AriaMenuItem,
  type MenuItemProps as AriaMenuItemProps,
  MenuTrigger,
} from 'react-aria-components/Menu';
import { Button, type ButtonVariant } from './button';
import { cx } from './class-names';
import { Icon } from './icons';
import { Popover } from './list-box';

export interface MenuProps {
  /** The text of the button that opens the menu. */
  label: ReactNode;
  /** The button's accessible name when `label` is an icon. */
  ariaLabel?: string;
  variant?: ButtonVariant;
  children: ReactNode;
  onAction?: (key: string | number) => void;
}

/** A button that opens a list of actions (role=menu; arrow keys, type-ahead, Escape). */
export function Menu({ label, ariaLabel, variant = 'secondary', children, onAction }: MenuProps) {
  return (
    <MenuTrigger>
      <Button variant={variant} aria-label={ariaLabel}>
        {label}
        <Icon name="chevronDown" />
      </Button>
      <Popover placement="bottom end">
        <AriaMenu onAction={onAction} className="outline-none">
          {children}
        </AriaMenu>
      </Popover>
    </MenuTrigger>
  );
}

export function MenuItem({
  className,
  ...rest
}: Omit<AriaMenuItemProps, 'className'> & { className?: string; children: ReactNode }) {
  return (
    <AriaMenuItem
      className={cx(
        'flex min-h-11 cursor-pointer items-center rounded-control px-3 py-2 text-ink outline-none',
        'data-[focused]:bg-brand-soft data-[disabled]:opacity-60',
        className,
      )}
      {...rest}
    />
  );
}
