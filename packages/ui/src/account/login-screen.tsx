'use client';

import type { AppConfig } from '../app-config';
import { LoginForm } from './login-form';
import { PublicPage } from './public-page';

/** An app's /login. */
export function LoginScreen({ app, idleTimeoutMinutes }: AppConfig) {
  return (
    <PublicPage app={app}>
      <LoginForm app={app} idleTimeoutMinutes={idleTimeoutMinutes} />
    </PublicPage>
  );
}
