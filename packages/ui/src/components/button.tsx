import type { ButtonHTMLAttributes } from 'react';
import { cx } from './class-names';

export type ButtonVariant = 'primary' | 'secondary' | 'danger';

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-brand text-brand-ink hover:bg-brand-strong border-brand',
  secondary: 'bg-surface text-brand hover:bg-brand-soft border-brand',
  danger: 'bg-danger text-brand-ink hover:bg-danger-strong border-danger',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  /** Shows a busy state and blocks repeated submits; the label stays readable. */
  busy?: boolean;
}

export function Button({
  variant = 'primary',
  busy = false,
  className,
  disabled,
  type = 'button',
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      className={cx(
        'inline-flex min-h-11 items-center justify-center gap-2 rounded-control border-2 px-4 py-2',
        'font-semibold text-base disabled:cursor-not-allowed disabled:opacity-70',
        variants[variant],
        className,
      )}
      {...rest}
    >
      {children}
    </button>
  );
}
