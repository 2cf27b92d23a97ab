import type { ReactNode } from 'react';
import { cx } from './class-names';
import { Icon } from './icons';

export type AlertTone = 'error' | 'success' | 'info' | 'warning';

const tones: Record<AlertTone, string> = {
  error: 'border-danger bg-danger-soft text-danger-strong',
  success: 'border-success bg-success-soft text-success',
  info: 'border-info bg-info-soft text-brand-strong',
  warning: 'border-warning bg-warning-soft text-warning',
};
const icons = { error: 'alert', success: 'check', info: 'info', warning: 'alert' } as const;

export interface AlertProps {
  tone?: AlertTone;
  title?: string;
  children: ReactNode;
  /** Announce it now (role=alert, the default) or politely when the screen reader is free (role=status). */
  live?: 'assertive' | 'polite';
  /** Buttons or links after the message (Retry, Undo). */
  actions?: ReactNode;
  className?: string;
}

/** A message in the page: an icon and a title make the tone clear without colour. */
export function Alert({ tone = 'error', title, children, live = 'assertive', actions, className }: AlertProps) {
  return (
    <div
      role={live === 'assertive' ? 'alert' : 'status'}
      className={cx('flex gap-3 rounded-control border-l-4 px-4 py-3', tones[tone], className)}
    >
      <Icon name={icons[tone]} className="mt-0.5 size-5 shrink-0" />
      <div className="flex flex-1 flex-col gap-1">
        {title && <p className="font-bold">{title}</p>}
        <div>{children}</div>
        {actions && <div className="mt-2 flex flex-wrap gap-2">{actions}</div>}
      </div>
    </div>
  );
}
