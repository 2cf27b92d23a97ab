// `@caretracker/ui/shell`: the frame every page sits in (client side; the server pieces are in
// `@caretracker/ui/shell/server`).
export { AppShell, type AppShellProps } from './app-shell';
export { describeMinutes, IDLE_WARNING_SECONDS, idleTimeoutMinutesFrom } from './idle-timeout';
export { IdleWarningDialog, type IdleWarningDialogProps } from './idle-warning-dialog';
export { LANGUAGE_NAMES, LanguageSwitch, useSwitchLocale } from './language-switch';
export { ACCOUNT_NAV, isCurrent, type NavItem, navFor } from './nav';
export { type NavBadges, useNavBadge } from './nav-badges';
export { NotForYourRole } from './not-for-your-role';
export { OfflineBanner } from './offline-banner';
export { type Crumb, PageHeader, type PageHeaderProps } from './page-header';
export { AppProviders, type AppProvidersProps } from './providers';
export { RequireRole } from './require-role';
export { type Session, useSession } from './session';
export { safeNextPath, signInPath } from './sign-in-path';
export { SignedInLayout, type SignedInLayoutProps } from './signed-in-layout';
export { SkipLink } from './skip-link';
export { type IdleLogoutOptions, type IdleLogoutState, useIdleLogout } from './use-idle-logout';
export { useOnline } from './use-online';
