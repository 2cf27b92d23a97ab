'use client';

import { useTranslations } from 'next-intl';
import { Icon, type IconName } from '../components/icons';
import { Link } from '../components/link';

/** The account pages every app has (apps/<app>/app/(app)/account/…). */
export const ACCOUNT_SECTIONS: readonly { href: string; key: string; icon: IconName }[] = [
  { href: '/account/password', key: 'password', icon: 'settings' },
  { href: '/account/security', key: 'security', icon: 'settings' },
  { href: '/account/devices', key: 'devices', icon: 'user' },
  { href: '/account/notifications', key: 'notifications', icon: 'inbox' },
  { href: '/account/preferences', key: 'preferences', icon: 'user' },
];

/** Links to the other account pages, each with a line saying what it is for. */
export function AccountSections() {
  const t = useTranslations('account');
  return (
    <nav aria-label={t('sectionsLabel')} className="mb-6">
      <ul className="grid gap-3 sm:grid-cols-2">
        {ACCOUNT_SECTIONS.map((section) => (
          <li key={section.href}>
            <Link
              href={section.href}
              look="plain"
              className="flex min-h-11 items-start gap-3 rounded-card border border-border-subtle bg-surface p-4 hover:border-brand"
            >
              <Icon name={section.icon} className="mt-0.5 size-5 shrink-0" />
              <span className="flex flex-col">
                <span className="underline">{t(`${section.key}.title`)}</span>
                <span className="font-normal text-ink-muted">{t(`${section.key}.summary`)}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Breadcrumbs of a page under /account. */
export function useAccountCrumbs() {
  const t = useTranslations('account');
  return [{ href: '/account', label: t('title') }];
}
