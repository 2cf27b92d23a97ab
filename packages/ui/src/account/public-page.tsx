'use client';

import type { ReactNode } from 'react';
import type { AppKey } from '../apps';
import { Card } from '../components/card';
import { AppShell } from '../shell/app-shell';

/** The frame of the pages before sign-in (sign in, forgot and reset password): one card, centred. */
export function PublicPage({ app, children }: { app: AppKey; children: ReactNode }) {
  return (
    <AppShell app={app}>
      <div className="mx-auto max-w-md">
        <Card>{children}</Card>
      </div>
    </AppShell>
  );
}
