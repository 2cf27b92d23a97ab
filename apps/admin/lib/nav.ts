import { ACCOUNT_NAV, type NavItem } from '@caretracker/ui/shell';

// The app's navigation (labels are message keys under `nav`).
export const nav: NavItem[] = [
  { href: '/', label: 'home', icon: 'home' },
  { href: '/emergencies', label: 'emergencies', icon: 'alert' },
  { href: '/messages', label: 'messages', icon: 'chat' },
  { href: '/notifications', label: 'notifications', icon: 'inbox' },
  { href: '/visits', label: 'visits', icon: 'clock' },
  { href: '/schedule', label: 'schedule', icon: 'calendar' },
  { href: '/people', label: 'people', icon: 'people' },
  { href: '/budgets', label: 'budgets', icon: 'chart' },
  { href: '/reports', label: 'reports', icon: 'document' },
  { href: '/audit', label: 'audit', icon: 'search' },
  { href: '/system', label: 'system', icon: 'settings', roles: ['ADMIN'] },
  ACCOUNT_NAV,
];
