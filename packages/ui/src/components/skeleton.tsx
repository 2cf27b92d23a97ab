'use client';

import { useTranslations } from 'next-intl';
import { cx } from './class-names';

/** A grey placeholder block while data loads (pulses unless reduced motion is asked for). */
export function Skeleton({ className }: { className?: string }) {
  return (
    <div
      aria-hidden="true"
      className={cx('animate-pulse rounded-control bg-border-subtle', className ?? 'h-5 w-full')}
    />
  );
}

/**
 * The loading state of a screen or card: placeholder lines shaped like the content, and one
 * polite "Loading…" for screen readers. `label` names what is loading.
 */
export function LoadingState({ lines = 3, label, className }: { lines?: number; label?: string; className?: string }) {
  const t = useTranslations('states');
  return (
    <div role="status" className={cx('flex flex-col gap-3', className)}>
      <span className="sr-only">{label ?? t('loading')}</span>
      {Array.from({ length: lines }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <Skeleton key={index} className={cx('h-5', index === lines - 1 ? 'w-2/3' : 'w-full')} />
      ))}
    </div>
  );
}
