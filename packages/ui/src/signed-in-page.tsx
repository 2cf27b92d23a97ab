'use client';

import type { Me, Role } from '@caretracker/shared';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { Alert } from './alert';
import { ApiError, createApiClient } from './api-client';
import type { AppConfig } from './app-config';
import { AppShell } from './app-shell';
import { APPS, appForRole } from './apps';
import { Card } from './card';
import { IDLE_WARNING_SECONDS } from './idle-timeout';
import { IdleWarningDialog } from './idle-warning-dialog';
import { useIdleLogout } from './use-idle-logout';

/** What each permitted role sees; rendered on the server and passed down as elements. */
export type Welcome = Partial<Record<Role, ReactNode>>;

/** The app's configuration (its lib/config.ts, spread in) and what its home page shows. */
export interface SignedInPageProps extends AppConfig {
  welcome: Welcome;
  loginPath?: string;
}

type State = { kind: 'loading' } | { kind: 'ready'; me: Me } | { kind: 'failed'; message: string };

/** Loads the session (GET /auth/me), sends signed-out visitors to the login page, checks the role. */
export function SignedInPage({
  apiUrl,
  app,
  appUrls,
  welcome,
  loginPath = '/login',
  idleTimeoutMinutes,
}: SignedInPageProps) {
  const api = useMemo(() => createApiClient(apiUrl), [apiUrl]);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const info = APPS[app];

  useEffect(() => {
    let cancelled = false;
    api.me().then(
      (me) => !cancelled && setState({ kind: 'ready', me }),
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 401) {
          window.location.replace(loginPath);
          return;
        }
        setState({
          kind: 'failed',
          message: error instanceof ApiError ? error.message : 'Could not load your account.',
        });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, loginPath]);

  const signOutIdle = useCallback(async () => {
    // Leave whatever the answer: the screen must not stay on show. A failed logout is rare (the
    // refresh cookie identifies the session even when the access token has expired).
    await api.logout().catch(() => undefined);
    window.location.replace(`${loginPath}?reason=idle`);
  }, [api, loginPath]);
  const idle = useIdleLogout({
    enabled: state.kind === 'ready',
    timeoutMinutes: idleTimeoutMinutes,
    onIdle: signOutIdle,
  });

  async function signOut() {
    setSigningOut(true);
    setSignOutError(null);
    try {
      await api.logout();
    } catch (error) {
      // Already signed out is fine; anything else leaves the session alive, so say so.
      if (!(error instanceof ApiError && error.status === 401)) {
        setSigningOut(false);
        setSignOutError(error instanceof ApiError ? error.message : 'Sign-out failed. Please try again.');
        return;
      }
    }
    window.location.assign(loginPath);
  }

  if (state.kind === 'loading') {
    return (
      <AppShell appName={info.name}>
        <p role="status">Loading your account…</p>
      </AppShell>
    );
  }
  if (state.kind === 'failed') {
    return (
      <AppShell appName={info.name}>
        <Alert tone="error" title="We could not load your account">
          {state.message}
        </Alert>
      </AppShell>
    );
  }

  const { me } = state;
  const allowed = info.roles.includes(me.role);
  const rightApp = appForRole(me.role);
  return (
    <AppShell appName={info.name} user={me} onSignOut={signOut} signingOut={signingOut}>
      {idle.secondsLeft !== null && (
        <IdleWarningDialog secondsLeft={idle.secondsLeft} warningSeconds={IDLE_WARNING_SECONDS} onStay={idle.stay} />
      )}
      {signOutError && (
        <Alert tone="error" className="mb-4">
          {signOutError}
        </Alert>
      )}
      {allowed ? (
        <>
          <h1 className="mb-6 font-bold text-3xl text-ink">Welcome, {me.firstName}</h1>
          {welcome[me.role]}
        </>
      ) : (
        <>
          <h1 className="mb-6 font-bold text-3xl text-ink">This app is not for your role</h1>
          <Card title={`The ${info.name} is for ${info.audience}`}>
            <p className="mb-4 text-ink">
              You are signed in as a {me.role.toLowerCase()}. Your work happens in the {APPS[rightApp].name}.
            </p>
            <a className="font-semibold text-brand underline" href={appUrls[rightApp]}>
              Go to the {APPS[rightApp].name}
            </a>
          </Card>
        </>
      )}
    </AppShell>
  );
}
