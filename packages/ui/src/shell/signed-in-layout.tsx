'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { lazy, type ReactNode, Suspense, useCallback, useMemo, useState } from 'react';
import { preload } from 'react-dom';
import type { AppConfig } from '../app-config';
import { APP_ROLES } from '../apps';
import { Alert } from '../components/alert';
import { ButtonLink } from '../components/link';
import { LoadingState } from '../components/skeleton';
import { ErrorState } from '../components/states';
import { ApiError } from '../data/api-client';
import { useApi } from '../data/api-context';
import { useErrorMessage } from '../data/error-message';
import { useMe } from '../data/me';
import { isNetworkError, isSessionEnded } from '../data/query-client';
import type { Locale } from '../i18n/locales';
import { UserIntlProvider } from '../i18n/user-intl-provider';
import { clearRuntimeCaches } from '../offline/device-caches';
import { AppShell } from './app-shell';
import { departure } from './departure';
import { readLastActivity } from './idle-activity';
import { type NavItem, navFor } from './nav';
import { NavBadgesProvider, useNavBadgeState } from './nav-badges';
import { NotForYourRole } from './not-for-your-role';
import { type Session, SessionContext } from './session';
import { signInPath } from './sign-in-path';

// The idle sign-out loads after the page's own code (idle-guard.tsx).
const IdleGuard = lazy(() => import('./idle-guard').then((module) => ({ default: module.IdleGuard })));

export interface SignedInLayoutProps extends AppConfig {
  nav: readonly NavItem[];
  children: ReactNode;
}

/**
 * The layout of every signed-in page: loads the user (GET /auth/me; a signed-out visitor goes to
 * sign-in; a page loaded again in the same tab draws at once with the user it remembers, so the
 * screen's reads start beside /auth/me and not after it), checks the role is this app's, formats
 * in the profile's time zone, runs the idle sign-out, and frames the page in the AppShell with the
 * role's navigation. (The language is the NEXT_LOCALE cookie, which sign-in sets from the profile
 * and a switch changes with it.)
 */
export function SignedInLayout({ app, apiUrl, appUrls, idleTimeoutMinutes, nav, children }: SignedInLayoutProps) {
  // In the page's <head>: the browser asks for the user while it loads the page's scripts, and the
  // query below is answered from that request instead of starting after them.
  preload(`${apiUrl}/auth/me`, { as: 'fetch', crossOrigin: 'use-credentials' });
  const api = useApi();
  const queryClient = useQueryClient();
  const t = useTranslations('shell');
  const describe = useErrorMessage();
  const me = useMe({ recall: { maxAgeMs: idleTimeoutMinutes * 60_000, activeAt: readLastActivity } });
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const user = me.data;
  const navBadges = useNavBadgeState();
  const [openedAt] = useState(() => Date.now());

  const signOutIdle = useCallback(async () => {
    // Leave whatever the answer: the screen must not stay on show.
    departure.begin();
    await api.logout().catch(() => undefined);
    queryClient.clear();
    await clearRuntimeCaches();
    departure.leave(signInPath(window.location, 'idle'));
  }, [api, queryClient]);
  const allowed = Boolean(user && APP_ROLES[app].includes(user.role));

  const signOut = useCallback(async () => {
    setSigningOut(true);
    setSignOutError(null);
    departure.begin();
    try {
      await api.logout();
    } catch (error) {
      // Already signed out is fine; anything else leaves the session alive, so say so.
      if (!(error instanceof ApiError && error.status === 401)) {
        departure.cancel();
        setSigningOut(false);
        setSignOutError(describe(error));
        return;
      }
    }
    queryClient.clear();
    // The service worker's pages as last loaded (and any cached answer) go with the session.
    await clearRuntimeCaches();
    departure.leave('/login', 'assign');
  }, [api, queryClient, describe]);

  const saveLanguage = useCallback(
    async (next: Locale) => {
      if (!user) return;
      await api.request('PUT', `/users/${user.id}`, { profile: { preferredLanguage: next } }).catch(() => undefined);
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
    [api, queryClient, user],
  );

  const session = useMemo<Session | null>(
    () => (user ? { me: user, signOut, signingOut } : null),
    [user, signOut, signingOut],
  );

  if (!user) {
    const failed = me.isError && !isSessionEnded(me.error);
    return (
      <AppShell app={app}>
        {failed ? (
          <ErrorState
            title={isNetworkError(me.error) ? t('unreachableTitle') : t('accountFailedTitle')}
            onRetry={() => void me.refetch()}
            isRetrying={me.isFetching}
            action={
              <ButtonLink href="/login" variant="quiet">
                {t('signInAgain')}
              </ButtonLink>
            }
          >
            {describe(me.error)}
          </ErrorState>
        ) : (
          <LoadingState lines={4} label={t('loadingAccount')} />
        )}
      </AppShell>
    );
  }

  return (
    <SessionContext.Provider value={session}>
      <NavBadgesProvider value={navBadges.report}>
        <UserIntlProvider timeZone={user.timezone}>
          <AppShell
            app={app}
            user={user}
            nav={allowed ? navFor(nav, user.role) : []}
            navBadges={navBadges.badges}
            onSignOut={signOut}
            signingOut={signingOut}
            onLanguageSwitch={saveLanguage}
            unreachable={me.isError && isNetworkError(me.error)}
          >
            <Suspense fallback={null}>
              <IdleGuard timeoutMinutes={idleTimeoutMinutes} openedAt={openedAt} onIdle={signOutIdle} />
            </Suspense>
            {signOutError && (
              <Alert tone="error" className="mb-4">
                {signOutError}
              </Alert>
            )}
            {allowed ? children : <NotForYourRole app={app} role={user.role} appUrls={appUrls} />}
          </AppShell>
        </UserIntlProvider>
      </NavBadgesProvider>
    </SessionContext.Provider>
  );
}
