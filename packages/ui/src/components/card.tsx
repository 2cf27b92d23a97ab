import type { ReactNode } from 'react';
import { cx } from './class-names';

export interface CardProps {
  title?: string;
  /** Heading level of the title, so cards fit the page outline. */
  headingLevel?: 2 | 3;
  /** A line under the title. */
  description?: ReactNode;
  /** Buttons or links beside the title. */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

export function Card({ title, headingLevel = 2, description, actions, children, className }: CardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={cx('rounded-card border border-border-subtle bg-surface p-4 shadow-sm sm:p-6', className)}>
      {(title || actions) && (
        <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
          <div>
            {title && <Heading className="font-bold text-ink text-xl">{title}</Heading>}
            {description && <p className="mt-1 text-ink-muted">{description}</p>}
          </div>
          {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}
