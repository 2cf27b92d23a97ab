'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Link } from '../components/link';

export interface Crumb {
  href: string;
  label: string;
}

export interface PageHeaderProps {
  /** The page's one h1 (use the same text as its metadata title). */
  title: string;
  /** The pages above this one, outermost first; the current page is added at the end. */
  breadcrumbs?: readonly Crumb[];
  description?: ReactNode;
  actions?: ReactNode;
}

/** The top of every signed-in page: breadcrumbs on deep pages, the h1, a line under it, actions. */
export function PageHeader({ title, breadcrumbs, description, actions }: PageHeaderProps) {
  const t = useTranslations('shell');
  return (
    <div className="mb-6 flex flex-col gap-2">
      {breadcrumbs && breadcrumbs.length > 0 && (
        <nav aria-label={t('breadcrumbs')}>
          {/* Plain markup (a list of links) is all breadcrumbs need; no widget behaviour to borrow. */}
          <ol className="flex flex-wrap items-center gap-1 text-ink-muted">
            {breadcrumbs.map((crumb) => (
              <li key={crumb.href} className="flex items-center gap-1">
                <Link href={crumb.href} className="inline-flex min-h-11 items-center">
                  {crumb.label}
                </Link>
                <span aria-hidden="true">/</span>
              </li>
            ))}
            <li className="font-semibold text-ink" aria-current="page">
              {title}
            </li>
          </ol>
        </nav>
      )}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="font-bold text-3xl text-ink">{title}</h1>
        {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
      </div>
      {description && <p className="max-w-prose text-ink-muted">{description}</p>}
    </div>
  );
}
