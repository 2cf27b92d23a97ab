import { APPS, AppShell, Card, LoginForm } from '@caretracker/ui';
import type { Metadata } from 'next';
import { apiUrl, idleTimeoutMinutes } from '@/lib/config';

const app = APPS['web'];

export const metadata: Metadata = { title: `Sign in · ${app.name} · CareTracker` };

export default function LoginPage() {
  return (
    <AppShell appName={app.name}>
      <div className="mx-auto max-w-md">
        <Card>
          <LoginForm apiUrl={apiUrl} appName={app.name} idleTimeoutMinutes={idleTimeoutMinutes} />
        </Card>
      </div>
    </AppShell>
  );
}
