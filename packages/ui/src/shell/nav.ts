import type { Role } from '@caretracker/shared';
import type { IconName } from '../components/icons';

/** One entry of an app's navigation (apps/<app>/lib/nav.ts lists them). */
export interface NavItem {
  href: string;
  /** Message key under `nav` (shared or the app's own messages). */
  label: string;
  icon: IconName;
  /** Only these roles see it (default: every role the app is for). */
  roles?: readonly Role[];
}

export function navFor(items: readonly NavItem[], role: Role): NavItem[] {
  return items.filter((item) => !item.roles || item.roles.includes(role));
}

/** Whether a nav entry is the current section ("/account/password" is under "/account"). */
export function isCurrent(href: string, pathname: string): boolean {
  if (href === '/') return pathname === '/';
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The account entry every app ends its navigation with. */
export const ACCOUNT_NAV: NavItem = { href: '/account', label: 'account', icon: 'user' };
