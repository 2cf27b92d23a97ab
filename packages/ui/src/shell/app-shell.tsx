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
import type { NavItem } from './nav';
import type { NavBadges } from './nav-badges';
import { BottomBar, NavLinks } from './nav-links';
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

/**
 * The frame of every page: skip link, header (app, user, language, sign-out), the app's navigation
 * as a sidebar on wide screens and a bottom bar on phones (and at 200% zoom; "More" holds what does
 * not fit), the offline banner, and the main landmark the skip link targets.
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
          <BottomBar items={nav} pathname={pathname} badges={navBadges} />
        </nav>
      )}
    </>
  );
}
