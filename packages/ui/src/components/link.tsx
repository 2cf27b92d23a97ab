'use client';

import NextLink from 'next/link';
import type { AnchorHTMLAttributes, ReactNode } from 'react';
import { type ButtonVariant, buttonBase, buttonVariants } from './button';
import { cx } from './class-names';

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  href: string;
  /** `inline` (default): underlined, for links in text; `plain`: for navigation and cards that read as links by their place. */
  look?: 'inline' | 'plain';
  className?: string;
  children: ReactNode;
}

/**
 * A link. Plain anchors are already accessible, so this is Next.js's Link (client-side
 * navigation and prefetch inside the app; a normal anchor for other origins) in the theme,
 * not a react-aria widget: no extra JavaScript on every page.
 */
export function Link({ href, look = 'inline', className, children, ...rest }: LinkProps) {
  return (
    <NextLink
      href={href}
      className={cx(
        'cursor-pointer font-semibold text-brand',
        look === 'inline' && 'underline underline-offset-2',
        className,
      )}
      {...rest}
    >
      {children}
    </NextLink>
  );
}

export interface ButtonLinkProps extends LinkProps {
  variant?: ButtonVariant;
}

/** A link that looks like a button: for navigation that reads as an action ("Add a visit"). */
export function ButtonLink({ variant = 'secondary', className, children, ...rest }: ButtonLinkProps) {
  return (
    <Link look="plain" className={cx(buttonBase, buttonVariants[variant], className)} {...rest}>
      {children}
    </Link>
  );
}
