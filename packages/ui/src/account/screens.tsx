'use client';

import { type ComponentType, lazy, Suspense } from 'react';
import { LoadingState } from '../components/skeleton';

/**
 * The account screens, each loaded on its own after the page: a form brings react-hook-form and
 * the field primitives (~25 kB gzip) that the route's initial JS should not carry. The server
 * renders the screen in full, so the page reads at once; the browser fetches the code in
 * parallel with the screen's data and hydrates it when both are there.
 */
function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>) {
  const View = lazy(() => load().then((component) => ({ default: component })));
  return function Screen(props: P) {
    return (
      <Suspense fallback={<LoadingState lines={4} />}>
        <View {...props} />
      </Suspense>
    );
  };
}

export const ProfileScreen = lazyScreen(() => import('./profile-view').then((m) => m.ProfileView));
export const PasswordScreen = lazyScreen(() => import('./password-view').then((m) => m.PasswordView));
export const SecurityScreen = lazyScreen(() => import('./security-view').then((m) => m.SecurityView));
export const NotificationsScreen = lazyScreen(() => import('./notifications-view').then((m) => m.NotificationsView));
export const PreferencesScreen = lazyScreen(() => import('./preferences-view').then((m) => m.PreferencesView));
export const ForgotPasswordScreen = lazyScreen(() =>
  import('./forgot-password-view').then((m) => m.ForgotPasswordView),
);
export const ResetPasswordScreen = lazyScreen(() => import('./reset-password-view').then((m) => m.ResetPasswordView));
