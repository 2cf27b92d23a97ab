import type { ReactNode } from 'react';
import { cx } from './class-names';

export type AlertTone = 'error' | 'success' | 'info' | 'warning';

const tones: Record<AlertTone, string> = {
  error: 'border-danger bg-danger-soft text-danger-strong',
  success: 'border-success bg-success-soft text-success',
  info: 'border-info bg-info-soft text-brand-strong',
  warning: 'border-warning bg-warning-soft text-warning',
};

export interface AlertProps {
  tone?: AlertTone;
  title?: string;
  children: ReactNode;
  className?: string;
}

/** An announced message (role=alert): use it for things the user must notice now. */
export function Alert({ tone = 'error', title, children, className }: AlertProps) {
  return (
    <div role="alert" className={cx('rounded-control border-l-4 px-4 py-3', tones[tone], className)}>
      {title && <p className="font-bold">{title}</p>}
      <div>{children}</div>
    </div>
  );
}
