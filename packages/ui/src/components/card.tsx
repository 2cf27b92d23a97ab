import type { ReactNode } from 'react';
import { cx } from './class-names';

export interface CardProps {
  title?: string;
  /** Heading level of the title, so cards fit the page outline. */
  headingLevel?: 2 | 3;
  children: ReactNode;
  className?: string;
}

export function Card({ title, headingLevel = 2, children, className }: CardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={cx('rounded-card border border-border-subtle bg-surface p-6 shadow-sm', className)}>
      {title && <Heading className="mb-3 font-bold text-ink text-xl">{title}</Heading>}
      {children}
    </section>
  );
}
