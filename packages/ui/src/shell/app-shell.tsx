'use client';

import type { Me } from '@caretracker/shared';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { AppKey } from '../apps';
import { Button } from '../components/button';
import { cx } from '../components/class-names';
import { Icon } from '../components/icons';
import { Link } from '../components/link';
import type { Locale } from '../i18n/locales';
import { LanguageSwitch } from './language-switch';
import { isCurrent, type NavItem } from './nav';
import type { NavBadges } from './nav-badges';
import { OfflineBanner } from './offline-banner';
import { SkipLink } from './skip-link';

export interface AppShellProps {
  app: AppKey;
  /** Signed in: the user, their navigation and sign-out. Left out on public pages (sign-in, reset). */
  user?: Me;
  nav?: readonly NavItem[];
  /** Unread counts on nav entries (by href), reported by the app's screens. */
  navBadges?: NavBadges;
  onSignOut?: () => void;
  signingOut?: boolean;
  /** Saves a language change to the profile (signed in). */
  onLanguageSwitch?: (locale: Locale) => Promise<unknown> | undefined;
  /** The last call could not reach the service (shows the offline banner while online too). */
  unreachable?: boolean;
  children: ReactNode;
}

function NavLinks({
  items,
  pathname,
  variant,
  badges,
}: {
  items: readonly NavItem[];
  pathname: string;
  variant: 'side' | 'bar';
  badges: NavBadges;
}) {
  const t = useTranslations('nav');
  const ts = useTranslations('shell');
  return (
    // The bottom bar scrolls sideways when an app has more entries than a phone's width holds.
    <ul className={variant === 'side' ? 'flex flex-col gap-1' : 'flex justify-around overflow-x-auto'}>
      {items.map((item) => {
        const current = isCurrent(item.href, pathname);
        const unread = badges[item.href] ?? 0;
        return (
          <li key={item.href} className={variant === 'bar' ? 'flex-1 shrink-0' : undefined}>
            <Link
              href={item.href}
              look="plain"
              aria-current={current ? 'page' : undefined}
              className={cx(
                'flex items-center rounded-control',
                variant === 'side'
                  ? 'min-h-11 gap-3 px-3 py-2 text-ink hover:bg-brand-soft'
                  : 'min-h-14 min-w-16 flex-col justify-center gap-0.5 px-1 py-1 text-center text-ink text-xs',
                current && 'bg-brand-soft font-bold text-brand-strong',
                current && variant === 'side' && 'border-brand border-l-4',
              )}
            >
              <span className="relative inline-flex">
                <Icon name={item.icon} className={variant === 'bar' ? 'size-6' : 'size-5'} />
                {variant === 'bar' && <UnreadBadge count={unread} className="-right-2.5 -top-1.5 absolute" />}
              </span>
              {/* The count is read with the name ("Chat, 2 unread"); the badge itself is only seen. */}
              {/* One line in the bar: a name is never broken mid-word ("Notificati-ons"); the bar scrolls instead. */}
              <span className={variant === 'bar' ? 'whitespace-nowrap' : undefined}>
                {t(item.label)}
                {unread > 0 && <span className="sr-only">{ts('navUnread', { count: unread })}</span>}
              </span>
              {variant === 'side' && <UnreadBadge count={unread} className="ml-auto" />}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** The count on a nav entry, for the eye (screen readers hear it with the entry's name). */
function UnreadBadge({ count, className }: { count: number; className: string }) {
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

/**
 * The frame of every page: skip link, header (app, user, language, sign-out), the app's navigation
 * as a sidebar on wide screens and a bottom bar on phones (and at 200% zoom), the offline banner,
 * and the main landmark the skip link targets.
 */
export function AppShell({
  app,
  user,
  nav = [],
  navBadges = {},
  onSignOut,
  signingOut,
  onLanguageSwitch,
  unreachable,
  children,
}: AppShellProps) {
  const t = useTranslations();
  const pathname = usePathname() ?? '/';
  const hasNav = Boolean(user) && nav.length > 0;
  return (
    <>
      <SkipLink />
      <header className="border-border-subtle border-b bg-surface">
        <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center justify-between gap-x-3 gap-y-1 px-4 py-2">
          <Link
            href="/"
            look="plain"
            className="inline-flex min-h-11 items-center gap-1 font-bold text-brand-strong text-lg"
          >
            CareTracker <span className="font-normal text-ink">{t(`apps.${app}.name`)}</span>
          </Link>
          <div className="flex flex-wrap items-center gap-x-3">
            {user && (
              <p className="hidden text-ink sm:block" data-testid="signed-in-as">
                {t('shell.signedInAs', { name: `${user.firstName} ${user.lastName}`, role: t(`roles.${user.role}`) })}
              </p>
            )}
            <LanguageSwitch onSwitch={onLanguageSwitch} />
            {user && onSignOut && (
              <Button variant="secondary" onPress={onSignOut} isPending={signingOut}>
                <Icon name="signOut" />
                {t('shell.signOut')}
              </Button>
            )}
          </div>
        </div>
      </header>
      {user && <OfflineBanner unreachable={unreachable} />}
      <div className={cx('mx-auto flex w-full max-w-6xl', hasNav && 'pb-20 md:pb-0')}>
        {hasNav && (
          <nav
            aria-label={t('shell.mainNav')}
            className="hidden w-56 shrink-0 border-border-subtle border-r px-2 py-6 md:block"
          >
            <NavLinks items={nav} pathname={pathname} variant="side" badges={navBadges} />
          </nav>
        )}
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 outline-none md:px-8">
          {children}
        </main>
      </div>
      {hasNav && (
        <nav
          aria-label={t('shell.mainNav')}
          className="fixed inset-x-0 bottom-0 z-40 border-border-subtle border-t bg-surface px-1 pb-[env(safe-area-inset-bottom)] md:hidden"
        >
          <NavLinks items={nav} pathname={pathname} variant="bar" badges={navBadges} />
        </nav>
      )}
    </>
  );
}
