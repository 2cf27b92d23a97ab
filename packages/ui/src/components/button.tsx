'use client';

import { type ReactNode, useEffect, useId } from 'react';
import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components/Button';
import { cx } from './class-names';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

export const buttonVariants: Record<ButtonVariant, string> = {
  primary: 'border-brand bg-brand text-brand-ink data-[hovered]:bg-brand-strong data-[pressed]:bg-brand-strong',
  secondary: 'border-brand bg-surface text-brand data-[hovered]:bg-brand-soft data-[pressed]:bg-brand-soft',
  danger: 'border-danger bg-danger text-brand-ink data-[hovered]:bg-danger-strong data-[pressed]:bg-danger-strong',
  quiet: 'border-transparent bg-transparent text-brand underline-offset-4 data-[hovered]:underline',
};

/** Shared by Button and ButtonLink: 44 px high at least, readable while busy or disabled. */
export const buttonBase =
  'inline-flex min-h-11 min-w-11 cursor-pointer items-center justify-center gap-2 rounded-control border-2 px-4 py-2 ' +
  'text-center font-semibold text-base data-[disabled]:cursor-not-allowed data-[disabled]:opacity-70 ' +
  'data-[pending]:cursor-progress';

export interface ButtonProps extends Omit<AriaButtonProps, 'className' | 'children'> {
  variant?: ButtonVariant;
  className?: string;
  children: ReactNode;
}

/**
 * A button (react-aria-components): press events that work the same for mouse, touch and keyboard,
 * and `isPending` that keeps focus, announces progress and blocks repeated submits.
 */
export function Button({ variant = 'primary', className, type = 'button', children, id, ...rest }: ButtonProps) {
  const ownId = useId();
  const buttonId = id ?? ownId;
  // react-aria announces a pending button through a live-region node labelled by the button's id.
  // When the button goes (the step it submitted is replaced), that label would point at nothing
  // for the region's 7 seconds (axe: role-img-alt); the announcement is over by then, so drop it.
  useEffect(
    () => () => {
      for (const node of document.querySelectorAll('[data-live-announcer] [aria-labelledby]')) {
        if (node.getAttribute('aria-labelledby') === buttonId) node.remove();
      }
    },
    [buttonId],
  );
  return (
    <AriaButton id={buttonId} type={type} className={cx(buttonBase, buttonVariants[variant], className)} {...rest}>
      {children}
    </AriaButton>
  );
}
