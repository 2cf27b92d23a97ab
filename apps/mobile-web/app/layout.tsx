import { appMetadata, appViewport, RootLayout } from '@caretracker/ui/shell/server';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { config } from '@/lib/config';
import { ServiceWorkerRegistration } from './service-worker-registration';
import './globals.css';

// Installable as a PWA (public/manifest.webmanifest; sw/sw.ts, built by Serwist into public/sw.js).
export async function generateMetadata(): Promise<Metadata> {
  return {
    ...(await appMetadata(config.app)),
    manifest: '/manifest.webmanifest',
    applicationName: 'CareTracker',
    appleWebApp: { capable: true, title: 'CareTracker', statusBarStyle: 'default' },
    icons: {
      icon: [{ url: '/icons/icon.svg', type: 'image/svg+xml' }],
      apple: [{ url: '/icons/apple-touch-icon.png', sizes: '180x180' }],
    },
  };
}

export const viewport = appViewport;

export default function MobileRootLayout({ children }: { children: ReactNode }) {
  return (
    <RootLayout apiUrl={config.apiUrl} extra={<ServiceWorkerRegistration />}>
      {children}
    </RootLayout>
  );
}
