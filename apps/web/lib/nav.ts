import { ACCOUNT_NAV, type NavItem } from '@caretracker/ui/shell';

// The app's navigation (labels are message keys under `nav`).
export const nav: NavItem[] = [
  { href: '/', label: 'home', icon: 'home' },
  { href: '/visits', label: 'visits', icon: 'calendar' },
  { href: '/budget', label: 'budget', icon: 'chart' },
  { href: '/care-plan', label: 'carePlan', icon: 'document' },
  { href: '/notifications', label: 'notifications', icon: 'inbox' },
  ACCOUNT_NAV,
];
