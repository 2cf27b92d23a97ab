import type { ReactNode } from 'react';
import { APPS, type AppKey } from './apps';

/** The page title and description of an app (Next.js `metadata` in its root layout). */
export function appMetadata(app: AppKey) {
  const { name } = APPS[app];
  return { title: `${name} · CareTracker`, description: `CareTracker ${name}` };
}

/** The Next.js `viewport` every app's root layout exports. */
export const appViewport = { themeColor: '#0b5394', width: 'device-width', initialScale: 1 };

/** The <html> and <body> of every app; the app's layout.tsx imports its own globals.css. */
export function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-canvas font-sans text-ink antialiased">{children}</body>
    </html>
  );
}
