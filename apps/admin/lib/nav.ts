import { ACCOUNT_NAV, type NavItem } from '@caretracker/ui/shell';

// The app's navigation (labels are message keys under `nav`). Screens that later issues build are
// added here when they exist; until then the home page lists them as "coming soon".
export const nav: NavItem[] = [{ href: '/', label: 'home', icon: 'home' }, ACCOUNT_NAV];
