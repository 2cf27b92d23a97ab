import type { AppConfig } from './app-config';
import { AppShell } from './app-shell';
import { APPS, type AppKey } from './apps';
import { Card } from './card';
import { LoginForm } from './login-form';

/** The page title of an app's /login (Next.js `metadata` in app/login/page.tsx). */
export function loginMetadata(app: AppKey) {
  return { title: `Sign in · ${APPS[app].name} · CareTracker` };
}

/** An app's /login: the app shell around the sign-in form. */
export function LoginPage({ app, apiUrl, idleTimeoutMinutes }: AppConfig) {
  const { name } = APPS[app];
  return (
    <AppShell appName={name}>
      <div className="mx-auto max-w-md">
        <Card>
          <LoginForm apiUrl={apiUrl} appName={name} idleTimeoutMinutes={idleTimeoutMinutes} />
        </Card>
      </div>
    </AppShell>
  );
}
