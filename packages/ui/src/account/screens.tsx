'use client';

import { lazy, type ReactNode, Suspense } from 'react';
import type { AppKey } from '../apps';
import { LoadingState } from '../components/skeleton';

// The account screens, each loaded on its own after the page: a form brings react-hook-form and
// the field primitives (~25 kB gzip) that the route's initial JS should not carry. The server
// renders the screen in full, so the page reads at once; the browser fetches the code in parallel
// with the screen's data and hydrates it when both are there.

const ProfileView = lazy(() => import('./profile-view').then((m) => ({ default: m.ProfileView })));
const PasswordView = lazy(() => import('./password-view').then((m) => ({ default: m.PasswordView })));
const SecurityView = lazy(() => import('./security-view').then((m) => ({ default: m.SecurityView })));
const DevicesView = lazy(() => import('./devices-view').then((m) => ({ default: m.DevicesView })));
const NotificationsView = lazy(() => import('./notifications-view').then((m) => ({ default: m.NotificationsView })));
const PreferencesView = lazy(() => import('./preferences-view').then((m) => ({ default: m.PreferencesView })));
const ForgotPasswordView = lazy(() =>
  import('./forgot-password-view').then((m) => ({ default: m.ForgotPasswordView })),
);
const VerifyEmailView = lazy(() => import('./verify-email-view').then((m) => ({ default: m.VerifyEmailView })));
const ResetPasswordView = lazy(() => import('./reset-password-view').then((m) => ({ default: m.ResetPasswordView })));

function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<LoadingState lines={4} />}>{children}</Suspense>;
}

export function ProfileScreen() {
  return (
    <Loading>
      <ProfileView />
    </Loading>
  );
}
export function PasswordScreen() {
  return (
    <Loading>
      <PasswordView />
    </Loading>
  );
}
export function SecurityScreen() {
  return (
    <Loading>
      <SecurityView />
    </Loading>
  );
}
export function DevicesScreen() {
  return (
    <Loading>
      <DevicesView />
    </Loading>
  );
}
export function NotificationsScreen() {
  return (
    <Loading>
      <NotificationsView />
    </Loading>
  );
}
export function PreferencesScreen() {
  return (
    <Loading>
      <PreferencesView />
    </Loading>
  );
}
export function ForgotPasswordScreen({ app }: { app: AppKey }) {
  return (
    <Loading>
      <ForgotPasswordView app={app} />
    </Loading>
  );
}
export function ResetPasswordScreen({ app }: { app: AppKey }) {
  return (
    <Loading>
      <ResetPasswordView app={app} />
    </Loading>
  );
}
export function VerifyEmailScreen({ app }: { app: AppKey }) {
  return (
    <Loading>
      <VerifyEmailView app={app} />
    </Loading>
  );
}
