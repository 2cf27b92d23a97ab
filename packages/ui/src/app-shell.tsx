import type { Me } from '@caretracker/shared';
import type { ReactNode } from 'react';
import { Button } from './button';

export interface AppShellProps {
  appName: string;
  user?: Me;
  onSignOut?: () => void;
  signingOut?: boolean;
  children: ReactNode;
}

/** Page frame: skip link, header with the signed-in user and sign-out, and the main landmark. */
export function AppShell({ appName, user, onSignOut, signingOut, children }: AppShellProps) {
  return (
    <>
      <a
        href="#main"
        className="sr-only rounded-control bg-surface px-4 py-2 font-semibold text-brand focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to main content
      </a>
      <Header appName={appName} user={user} onSignOut={onSignOut} signingOut={signingOut} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl px-4 py-8">
        {children}
      </main>
    </>
  );
}

export interface HeaderProps {
  appName: string;
  user?: Me;
  onSignOut?: () => void;
  signingOut?: boolean;
}

export function Header({ appName, user, onSignOut, signingOut }: HeaderProps) {
  return (
    <header className="border-border-subtle border-b bg-surface">
      <div className="mx-auto flex w-full max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <p className="font-bold text-brand-strong text-lg">
          CareTracker <span className="font-normal text-ink">{appName}</span>
        </p>
        {user && (
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-ink" data-testid="signed-in-as">
              Signed in as {user.firstName} {user.lastName} ({user.role})
            </p>
            {onSignOut && (
              <Button variant="secondary" onClick={onSignOut} busy={signingOut}>
                Sign out
              </Button>
            )}
          </div>
        )}
      </div>
    </header>
  );
}
