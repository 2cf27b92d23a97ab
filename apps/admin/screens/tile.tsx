'use client';

import type { Tile as TileData } from '@caretracker/shared';
import { cx, Link } from '@caretracker/ui/components';
import type { ReactNode } from 'react';

/** Where a tile's list is in this app: the API's list request mapped to the screen that shows it. */
export function tileHref(filter: TileData['filter']): string | null {
  const query = new URLSearchParams(filter.query).toString();
  if (filter.path === '/office/visits') return `/visits${query ? `?${query}` : ''}`;
  if (filter.path === '/emergencies') return `/emergencies${query ? `?${query}` : ''}`;
  if (filter.path === '/budgets') return `/budgets${query ? `?${query}` : ''}`;
  if (filter.path === '/admin/jobs/failed') return '/system#failed-jobs';
  return null;
}

export interface TileProps {
  label: string;
  count: number;
  /** A second line: what the number means in more words. */
  detail?: ReactNode;
  href: string | null;
  tone?: 'neutral' | 'warning' | 'danger' | 'success';
  testId?: string;
}

const tones = {
  neutral: 'border-border-subtle',
  success: 'border-success',
  warning: 'border-warning',
  danger: 'border-danger',
} as const;

/** One number on the overview; it opens the list of the rows it counts. */
export function Tile({ label, count, detail, href, tone = 'neutral', testId }: TileProps) {
  const body = (
    <>
      <span className="font-bold text-3xl text-ink tabular-nums">{count}</span>
      <span className="font-semibold text-ink">{label}</span>
      {detail && <span className="text-ink-muted text-sm">{detail}</span>}
    </>
  );
  const className = cx(
    'flex min-h-24 flex-col gap-1 rounded-card border-2 border-l-8 bg-surface p-4',
    tones[count > 0 ? tone : 'neutral'],
  );
  return (
    <li data-testid={testId}>
      {href ? (
        <Link href={href} look="plain" className={cx(className, 'font-normal hover:bg-canvas')}>
          {body}
        </Link>
      ) : (
        <div className={className}>{body}</div>
      )}
    </li>
  );
}
