'use client';

import { useTranslations } from 'next-intl';
import { lazy, type ReactNode, Suspense } from 'react';
import { cx } from '../components/class-names';
import { Icon } from '../components/icons';
import { Link } from '../components/link';
import { isCurrent, type NavItem } from './nav';
import type { NavBadges } from './nav-badges';

export type NavVariant = 'side' | 'bar';

/** The look of one entry: a row in the sidebar (and the phone's "More" panel), a tile in the bottom bar. */
export function navEntryClass(variant: NavVariant, current: boolean): string {
  return cx(
    'flex items-center rounded-control',
    variant === 'side'
      ? 'min-h-11 gap-3 px-3 py-2 text-ink hover:bg-brand-soft'
      : 'min-h-14 w-full min-w-16 flex-col justify-center gap-0.5 px-1 py-1 text-center text-ink text-xs',
    current && 'bg-brand-soft font-bold text-brand-strong',
    current && variant === 'side' && 'border-brand border-l-4',
  );
}

/** One entry of the app's navigation, with its unread count. */
function NavEntry({
  item,
  pathname,
  variant,
  unread,
}: {
  item: NavItem;
  pathname: string;
  variant: NavVariant;
  unread: number;
}) {
  const t = useTranslations('nav');
  const ts = useTranslations('shell');
  const current = isCurrent(item.href, pathname);
  return (
    <li className={variant === 'bar' ? 'flex-1 shrink-0' : undefined}>
      <Link
        href={item.href}
        look="plain"
        aria-current={current ? 'page' : undefined}
        className={navEntryClass(variant, current)}
      >
        <span className="relative inline-flex">
          <Icon name={item.icon} className={variant === 'bar' ? 'size-6' : 'size-5'} />
          {variant === 'bar' && <UnreadBadge count={unread} className="-right-2.5 -top-1.5 absolute" />}
        </span>
        {/* The count is read with the name ("Chat, 2 unread"); the badge itself is only seen. */}
        {/* One line in the bar: a name is never broken mid-word ("Notificati-ons"). */}
        <span className={variant === 'bar' ? 'whitespace-nowrap' : undefined}>
          {t(item.label)}
          {unread > 0 && <span className="sr-only">{ts('navUnread', { count: unread })}</span>}
        </span>
        {variant === 'side' && <UnreadBadge count={unread} className="ml-auto" />}
      </Link>
    </li>
  );
}

/** The entries as a list: the sidebar's column or the bottom bar's row (`children`: more `<li>`s after them). */
export function NavLinks({
  items,
  pathname,
  variant,
  badges,
  children,
}: {
  items: readonly NavItem[];
  pathname: string;
  variant: NavVariant;
  badges: NavBadges;
  children?: ReactNode;
}) {
  return (
    // The bar scrolls sideways only where even its tiles do not fit (a 320 px phone).
    <ul className={variant === 'side' ? 'flex flex-col gap-1' : 'flex justify-around overflow-x-auto'}>
      {items.map((item) => (
        <NavEntry key={item.href} item={item} pathname={pathname} variant={variant} unread={badges[item.href] ?? 0} />
      ))}
      {children}
    </ul>
  );
}

/** The count on a nav entry, for the eye (screen readers hear it with the entry's name). */
export function UnreadBadge({ count, className }: { count: number; className: string }) {
  if (count <= 0) return null;
  return (
    <span
      aria-hidden="true"
      data-testid="nav-badge"
      className={cx(
        'min-w-5 rounded-full bg-danger px-1 text-center font-bold text-brand-ink text-xs leading-5',
        className,
      )}
    >
      {count > 99 ? '99+' : count}
    </span>
  );
}

/** Up to this many entries the bar shows them all (the portal's six, the worker app's five). */
export const BAR_ALL_UP_TO = 6;
/**
 * Past that, the first three and "More": four tiles of 95 px on a 390 px phone hold the longest
 * names ("Notifications", "Notificaciones" take 86 px and more), five do not.
 */
const BAR_SHOWN = 3;

// Only the dashboard has more entries than fit: its "More" loads with it, not with every app's pages.
const MoreBar = lazy(() => import('./more-bar').then((module) => ({ default: module.MoreBar })));

/**
 * The phone's navigation: every entry when they fit, otherwise the first three and "More"
 * (./more-bar.tsx), a panel with the rest.
 */
export function BottomBar({
  items,
  pathname,
  badges,
}: {
  items: readonly NavItem[];
  pathname: string;
  badges: NavBadges;
}) {
  if (items.length <= BAR_ALL_UP_TO)
    return <NavLinks items={items} pathname={pathname} variant="bar" badges={badges} />;
  return (
    <Suspense
      fallback={<NavLinks items={items.slice(0, BAR_SHOWN)} pathname={pathname} variant="bar" badges={badges} />}
    >
      <MoreBar items={items} shown={BAR_SHOWN} pathname={pathname} badges={badges} />
    </Suspense>
  );
}
