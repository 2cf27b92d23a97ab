'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Button } from './button';
import { cx } from './class-names';
import { Icon, type IconName } from './icons';

export interface EmptyStateProps {
  title: string;
  /** What to do next: "Visits your supervisor books will appear here." */
  children: ReactNode;
  /** The next step as a button or link. */
  action?: ReactNode;
  icon?: IconName;
  className?: string;
}

/** Nothing to show yet, and what to do about it. */
export function EmptyState({ title, children, action, icon = 'inbox', className }: EmptyStateProps) {
  return (
    <div
      className={cx(
        'flex flex-col items-center gap-3 rounded-card border border-border-subtle border-dashed p-6 text-center',
        className,
      )}
    >
      <Icon name={icon} className="size-8 text-ink-muted" />
      <p className="font-bold text-ink text-lg">{title}</p>
      <div className="max-w-prose text-ink-muted">{children}</div>
      {action}
    </div>
  );
}

export interface ErrorStateProps {
  title?: string;
  /** What went wrong, in words the user can act on. */
  children?: ReactNode;
  /** Try again; the button shows progress while `isRetrying`. */
  onRetry?: () => void;
  isRetrying?: boolean;
  /** Another way out (a link home, sign out). */
  action?: ReactNode;
  className?: string;
}

/** Loading failed: says so, and offers to try again. Never a stack trace, never a blank page. */
export function ErrorState({ title, children, onRetry, isRetrying, action, className }: ErrorStateProps) {
  const t = useTranslations('states');
  return (
    <div
      role="alert"
      className={cx(
        'flex flex-col items-start gap-3 rounded-card border-danger border-l-4 bg-danger-soft p-4',
        className,
      )}
    >
      <p className="flex items-center gap-2 font-bold text-danger-strong">
        <Icon name="alert" />
        {title ?? t('errorTitle')}
      </p>
      <div className="text-ink">{children ?? t('errorBody')}</div>
      <div className="flex flex-wrap gap-2">
        {onRetry && (
          <Button variant="secondary" onPress={onRetry} isPending={isRetrying}>
            <Icon name="refresh" />
            {t('retry')}
          </Button>
        )}
        {action}
      </div>
    </div>
  );
}

/** The record is not there, or not for this user (the API answers 404 for both): calm, and a way on. */
export function NotFoundState({
  children,
  action,
  className,
}: {
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  const t = useTranslations('states');
  return (
    <div
      className={cx(
        'flex flex-col items-start gap-3 rounded-card border border-border-subtle bg-surface p-6',
        className,
      )}
    >
      <p className="font-bold text-ink text-lg">{t('notFoundTitle')}</p>
      <div className="text-ink-muted">{children ?? t('notFoundBody')}</div>
      {action}
    </div>
  );
}
