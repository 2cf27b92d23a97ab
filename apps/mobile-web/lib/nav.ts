import { ACCOUNT_NAV, type NavItem } from '@caretracker/ui/shell';

// The app's navigation (labels are message keys under `nav`): the day, the week's hours, messages, notifications, the account.
export const nav: NavItem[] = [
  { href: '/', label: 'home', icon: 'home' },
  { href: '/hours', label: 'hours', icon: 'clock' },
  { href: '/messages', label: 'messages', icon: 'people' },
  { href: '/notifications', label: 'notifications', icon: 'inbox' },
  ACCOUNT_NAV,
];
